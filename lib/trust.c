/*
 * The trust path (docs/design.md section 11): from the served leaf through the
 * served certificates to an anchor a CA credential holds. RFC 5280 6.1 in
 * the small: names chain, key identifiers agree where both are present,
 * signatures verify; the anchor itself is trusted as it stands, so only its
 * validity at `now` is checked. Host side (the hook does not link it).
 */
#include <string.h>

#include "arith.h"
#include "certfit/size.h"
#include "certfit/trust.h"
#include "verify_internal.h"

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 0
#endif

static bool view_eq(certfit_view a, certfit_view b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

void certfit_trust_opts_init(certfit_trust_opts *o, const certfit_profile *profile)
{
    memset(o, 0, sizeof(*o));
    o->profile = profile;
    o->role = CERTFIT_ROLE_SERVER;
    o->verify_signatures = true;
}

bool certfit_trust_issued_by(const certfit_cert *c, const certfit_cert *issuer, bool verify)
{
    if (!certfit_cert_is_issued_by(c, issuer))
        return false;
    /* RFC 5280 4.2.1.1: the AKI names the issuer's key; a mismatch means
     * another key of the same name (a renewed CA) */
    if (c->aki.len > 0 && issuer->ski.len > 0 && !view_eq(c->aki, issuer->ski))
        return false;
#if CERTFIT_WITH_SIGNATURES
    if (verify) {
        int rc = certfit_verify_signature(c, issuer->spki, NULL);
        if (rc != 0 && rc != CERTFIT_ERR_UNSUPPORTED)
            return false;
    }
#else
    (void)verify;
#endif
    return true;
}

bool certfit_trust_same_ca(const certfit_cert *a, const certfit_cert *b)
{
    return view_eq(a->subject, b->subject) && view_eq(a->spki, b->spki);
}

typedef struct tr {
    const certfit_trust_opts *o;
    const certfit_sink *sink;
    certfit_trust_result *res;
    certfit_finding f;
} tr;

static certfit_severity severity(const tr *t, certfit_rule r)
{
    const certfit_trust_opts *o = t->o;
    if ((o->skip >> r) & 1u)
        return CERTFIT_SEV_OFF;
    if (!(certfit_rule_roles(r) & (unsigned)o->role))
        return CERTFIT_SEV_OFF;
    if ((r == CERTFIT_RULE_EXPIRED || r == CERTFIT_RULE_NOT_YET_VALID) && !o->clock_set &&
        !o->profile->time_rules_without_clock)
        return CERTFIT_SEV_OFF;
    return certfit_profile_severity(o->profile, r);
}

static certfit_finding *mk(tr *t, certfit_rule r, int32_t served_index)
{
    certfit_finding *f = &t->f;
    memset(f, 0, sizeof(*f));
    f->rule = r;
    f->cert = t->o->role == CERTFIT_ROLE_SERVER ? served_index : CERTFIT_NO_CERT;
    f->extra = served_index;
    f->offset = CERTFIT_NO_OFFSET;
    return f;
}

/* Report t->f; returns whether it was (not off). */
static bool emit(tr *t)
{
    certfit_finding *f = &t->f;
    certfit_severity sev = severity(t, f->rule);
    if (sev == CERTFIT_SEV_OFF)
        return false;
    f->severity = sev;
    certfit_trust_result *res = t->res;
    res->counts[sev]++;
    if (!res->has_first || sev > res->first.severity) {
        res->first = *f;
        res->has_first = true;
    }
    if (t->sink != NULL && t->sink->finding != NULL)
        t->sink->finding(t->sink->ctx, f);
    return true;
}

/* A short name for people: the last CN, else the RFC 4514 Name. */
static void label(certfit_view name, char *out, size_t size)
{
    size_t n;
    out[0] = '\0';
    int rc = certfit_name_common_name(name, out, size, &n);
    if ((rc == CERTFIT_ERR_NOT_FOUND || rc == CERTFIT_ERR_DER) &&
        certfit_name_format(name, out, size, &n) != 0) {
        /* out keeps a valid, possibly empty, prefix */
    }
}

/* The store's root for the top of an unanchored chain: the root the top is
 * a (cross-signed) copy of, else the root that issued it; -1 if none. */
static int32_t store_root(const certfit_trust_opts *o, const certfit_cert *top)
{
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < o->store_len; s++) {
            const certfit_cert *r = &o->store[s];
            bool hit = pass == 0 ? certfit_trust_same_ca(top, r) && !view_eq(top->raw, r->raw)
                                 : certfit_trust_issued_by(top, r, o->verify_signatures);
            if (hit && certfit_cert_is_issuer_subject(r))
                return (int32_t)s;
        }
    return -1;
}

static void anchor_time(tr *t, const certfit_trust_anchor *a, int32_t ai)
{
    int64_t now = t->o->now;
    const certfit_cert *c = &a->cert;
    bool bad = false;
    for (int i = 0; i < 2; i++) {
        bool late = i == 0;
        int64_t when = late ? c->not_after.t : c->not_before.t;
        if (late ? now <= when : now >= when)
            continue;
        certfit_finding *f = mk(t, late ? CERTFIT_RULE_EXPIRED : CERTFIT_RULE_NOT_YET_VALID, -1);
        f->cert = CERTFIT_NO_CERT;
        f->extra = when;
        f->value = certfit_udiv((uint64_t)(late ? now - when : when - now), 86400, 0);
        f->detail = late ? CERTFIT_DETAIL_EXPIRED_ANCHOR : CERTFIT_DETAIL_NOT_YET_VALID_ANCHOR;
        f->limit = (uint64_t)ai;
        label(c->subject, f->text, sizeof(f->text));
        bad = emit(t) || bad;
        if (severity(t, f->rule) == CERTFIT_SEV_OFF &&
            (t->o->clock_set || t->o->profile->time_rules_without_clock))
            bad = true; /* skipped, but the device still refuses it */
    }
    t->res->trusted = !bad;
}

int certfit_trust_check(const certfit_cert *served, size_t n_served,
                        const certfit_trust_anchor *anchors, size_t n_anchors,
                        const certfit_trust_opts *o, const certfit_sink *sink,
                        certfit_trust_result *out)
{
    if (out == NULL)
        return CERTFIT_ERR_INVALID_ARG;
    memset(out, 0, sizeof(*out));
    out->anchor = -1;
    out->store_root = -1;
    if (o == NULL || o->profile == NULL || (served == NULL && n_served > 0) ||
        (anchors == NULL && n_anchors > 0) || (o->store == NULL && o->store_len > 0))
        return CERTFIT_ERR_INVALID_ARG;
    tr t;
    memset(&t, 0, sizeof(t));
    t.o = o;
    t.sink = sink;
    t.res = out;
    bool verify = CERTFIT_WITH_SIGNATURES && o->verify_signatures;
    for (size_t i = 0; i < n_served; i++) {
        const certfit_cert *c = &served[i];
        for (size_t a = 0; a < n_anchors; a++) {
            if (certfit_trust_issued_by(c, &anchors[a].cert, verify) ||
                certfit_trust_same_ca(c, &anchors[a].cert)) {
                out->path_len = (uint32_t)i + 1;
                out->anchor = (int32_t)a;
                anchor_time(&t, &anchors[a], (int32_t)a);
                return 0;
            }
        }
        if (i + 1 < n_served && certfit_trust_issued_by(c, &served[i + 1], verify))
            continue;
        out->path_len = (uint32_t)i + 1;
        certfit_finding *f;
        if (i + 1 < n_served) {
            /* a served certificate's issuer is neither the next one nor an
             * anchor: the server leaves an intermediate out */
            f = mk(&t, CERTFIT_RULE_CHAIN_INCOMPLETE, (int32_t)i);
            f->value = i + 1;
            label(c->issuer, f->text, sizeof(f->text));
        } else {
            bool root = certfit_cert_is_issuer_subject(c);
            int32_t s = root ? -1 : store_root(o, c);
            f = mk(&t, CERTFIT_RULE_ANCHOR_MISSING, (int32_t)i);
            f->value = n_anchors;
            if (s >= 0) {
                out->store_root = s;
                f->limit = certfit_size_pem(o->store[s].raw.len);
                f->detail = CERTFIT_DETAIL_ANCHOR_MISSING_IN_STORE;
                label(o->store[s].subject, f->text, sizeof(f->text));
            } else if (root) {
                f->limit = certfit_size_pem(c->raw.len);
                f->detail = CERTFIT_DETAIL_ANCHOR_MISSING_ROOT;
                label(c->subject, f->text, sizeof(f->text));
            } else {
                label(c->issuer, f->text, sizeof(f->text));
            }
        }
        emit(&t);
        return 0;
    }
    return 0;
}
