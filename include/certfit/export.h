/**
 * \file export.h
 * \brief CERTFIT_API: the mark of a function that belongs to libcertfit's
 *        ABI. The library is compiled with -fvisibility=hidden, so a
 *        function without it is not exported from libcertfit.so; every
 *        function declared in the installed headers carries it, and the
 *        test abi_symbols checks that the two lists are the same
 *        (docs/abi.md).
 */
#ifndef CERTFIT_EXPORT_H
#define CERTFIT_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define CERTFIT_API __attribute__((visibility("default")))
#else
#define CERTFIT_API
#endif

#endif /* CERTFIT_EXPORT_H */
