/**
 * \file trust.h
 * \brief The trust path (docs/design.md section 11): would a client that holds
 *        these CA credentials accept the chain a server sends? Host side:
 *        the embedded hook does not link it.
 *
 * Certificates are certfit_cert views the caller scanned with
 * certfit_cert_scan(); nothing is allocated or kept.
 */
#ifndef CERTFIT_TRUST_H
#define CERTFIT_TRUST_H

#include <stdbool.h>

#include "cert.h"
#include "check.h"
#include "common.h"
#include "profile.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief One certificate a CA credential holds: a trust anchor. */
typedef struct certfit_trust_anchor {
    certfit_cert cert; /**< scanned; its views point into the caller's DER */
    uint32_t file;     /**< the caller's number of the CA credential it is in */
    uint32_t index;    /**< its index in that credential */
} certfit_trust_anchor;

/** \brief Options of a trust check. */
typedef struct certfit_trust_opts {
    const certfit_profile *profile; /**< required: severities */
    certfit_role role;              /**< SERVER: the served chain is the item; CA: the anchors are
                                         the item (check --server-chain), findings carry no index */
    int64_t now;                    /**< seconds since the epoch, for the anchor's validity */
    bool clock_set;                 /**< false: see profile->time_rules_without_clock */
    bool verify_signatures;         /**< ignored without CERTFIT_WITH_SIGNATURES */
    uint64_t skip;                  /**< bit (1 << rule) set: rule skipped */
    const certfit_cert *store; /**< a trust store (roots), to name the root to provision; or NULL */
    size_t store_len;          /**< its number of certificates */
} certfit_trust_opts;

/** \brief The outcome of a trust check. */
typedef struct certfit_trust_result {
    uint32_t path_len;     /**< served certificates on the path, from the leaf (index 0) */
    int32_t anchor;        /**< index into the anchors of the one that completes the path, or -1 */
    bool trusted;          /**< a path to an anchor that is valid at now (when the clock counts) */
    int32_t store_root;    /**< index into the store of the root the chain needs, or -1 */
    uint32_t counts[4];    /**< findings reported, per certfit_severity (index 0 unused) */
    certfit_finding first; /**< the most severe finding reported (has_first) */
    bool has_first;
} certfit_trust_result;

/** \brief Set defaults: role server, signatures on, clock unset, no store. */
CERTFIT_API void certfit_trust_opts_init(certfit_trust_opts *o, const certfit_profile *profile);

/**
 * \brief Whether `issuer` issued `c`: c's issuer Name equals issuer's subject
 *        Name, the authorityKeyIdentifier equals the subjectKeyIdentifier
 *        where both are present, and (with verify) the signature verifies with
 *        issuer's key (an algorithm the build cannot verify counts as
 *        verified).
 */
CERTFIT_API bool certfit_trust_issued_by(const certfit_cert *c, const certfit_cert *issuer,
                                         bool verify);

/** \brief Whether a and b are the same CA: equal subject Names and equal
 *         public keys (a cross-signed copy of a root is the root). */
CERTFIT_API bool certfit_trust_same_ca(const certfit_cert *a, const certfit_cert *b);

/**
 * \brief Build the path from served[0] (the leaf) through the served
 *        certificates, each issued by the next, to a certificate that an
 *        anchor issued or that is an anchor, and report through sink:
 *        chain-incomplete (a served certificate's issuer is neither the next
 *        served certificate nor an anchor: value = the next index, text =
 *        the missing issuer's name), anchor-missing (no anchor issues the
 *        top of the chain: value = the number of anchors, limit = the
 *        credential size of the store's root the chain needs, 0 when the
 *        store has none, detail bit 0 = that root is in the store, bit 1 =
 *        the top is itself a root, text = the issuer needed), and expired /
 *        not-yet-valid on the anchor that completes the path (detail 1,
 *        limit = its index in anchors, text = its name). extra is the index
 *        of the served certificate concerned (anchor-missing, chain-incomplete).
 *
 * \param served    the served chain, leaf first
 * \param n_served  its length (0: nothing is reported, no path)
 * \param anchors   the anchors (may be NULL when n_anchors is 0)
 * \param n_anchors their number
 * \param o         options
 * \param sink      where findings go (its cert callback is not used); or NULL
 * \param out       the outcome
 * \return 0, or CERTFIT_ERR_INVALID_ARG
 */
CERTFIT_API int certfit_trust_check(const certfit_cert *served, size_t n_served,
                                    const certfit_trust_anchor *anchors, size_t n_anchors,
                                    const certfit_trust_opts *o, const certfit_sink *sink,
                                    certfit_trust_result *out);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_TRUST_H */
