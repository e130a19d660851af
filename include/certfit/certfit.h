/**
 * \file certfit.h
 * \brief libcertfit: checks X.509 certificate chains against the limits of
 *        constrained TLS clients (first the nRF9160 / nRF91x1 modem).
 *
 * Conventions for every public function:
 * - Inputs are byte views (pointer + length) that the caller owns; the
 *   library never keeps them past the call, except where a returned view
 *   points into them (then it lives as long as the caller's buffer).
 * - Outputs are (buf, size, *out_len): size is the capacity, len what was
 *   written. Strings written are NUL-terminated when size > 0.
 * - A pointer parameter may be NULL only where its documentation says so;
 *   a view with len 0 may have p NULL.
 * - Return 0 on success and a negative CERTFIT_ERR_* on failure
 *   (certfit_strerror()). Findings are data, not errors.
 * - The core (input, cert, size, rules, profile, check) does not allocate.
 */
#ifndef CERTFIT_CERTFIT_H
#define CERTFIT_CERTFIT_H

#include "cert.h"
#include "check.h"
#include "common.h"
#include "container.h"
#include "guard.h"
#include "input.h"
#include "profile.h"
#include "report.h"
#include "rules.h"
#include "size.h"
#include "trust.h"

#endif /* CERTFIT_CERTFIT_H */
