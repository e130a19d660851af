/*
 * Running the rules (docs/design.md section 4) over one item in one pass: each
 * certificate is decoded into the caller's work buffer as its block is
 * found, scanned, checked on its own and against the one before it, and
 * reported. Whole-item rules (sizes, bundle, depth, hygiene) run at the end.
 * Nothing is allocated here, and nothing is scanned in advance: the work
 * buffer's layout adapts as blocks arrive (block_space(), dup_grow()).
 */
#include <string.h>

#include "arith.h"
#include "certfit/check.h"
#include "simd.h"
#include "hygiene_internal.h"
#include "rules_internal.h"
#include "verify_internal.h"
#include "stream_internal.h"
/* mbedtls-parse: host library builds (CMakeLists.txt), never the device's;
 * the parser comes with the options (x509_parse), so a program that does
 * not give one links no X.509 parser */
#ifndef CERTFIT_WITH_MBEDTLS_PARSE
#define CERTFIT_WITH_MBEDTLS_PARSE 0
#endif

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 0
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CERTFIT_NOINLINE __attribute__((noinline))
#else
#define CERTFIT_NOINLINE
#endif

#define BIT(x) (1u << (x))

/*
 * What the rules read of a certificate: its certfit_cert (views into the
 * DER in the work buffer), or with CERTFIT_CONFIG_STREAM what the streaming
 * scanner kept (lib/stream_internal.h: numbers, hashed names). RAW_LEN is
 * the DER size either way.
 */
#if CERTFIT_CONFIG_STREAM
#if CERTFIT_WITH_SIGNATURES || CERTFIT_WITH_MBEDTLS_PARSE || CERTFIT_CONFIG_HYGIENE
#error "CERTFIT_CONFIG_STREAM keeps no DER: build it without signatures, mbedtls-parse and hygiene"
#endif
typedef certfit_scert cert_t;
#define RAW_LEN(c) ((c)->len)
#else
typedef certfit_cert cert_t;
#define RAW_LEN(c) ((c)->raw.len)
#endif

/* Line numbers, or 0 ("unknown") in a build without them (config.h). */
#if CERTFIT_CONFIG_LINES
#define LINE(x) (x)
#else
#define LINE(x) 0u
#endif
#define DUP_MIN 16u

/* certfit_check() aligns the work buffer up to 8 bytes: a buffer that is not
 * already aligned loses up to 7 of them, so every size the library reports
 * (work_needed, certfit_check_work_size(), certfit_check_work_bound())
 * includes this slack and callers add nothing. */
#define WORK_ALIGN_SLACK 8u

typedef struct ck {
    const certfit_item *item;
    const certfit_check_opts *o;
    const certfit_profile *pf;
    const certfit_sink *sink;
    certfit_result *res;
    /* the work buffer after the state: the arena [arena, arena + arena_size)
     * holds decoded blocks, the duplicate table sits right above it */
    uint8_t *arena;
    size_t arena_size;
    size_t prev_edge;    /* the previous block's start when prev_top, else its end */
    size_t max_m;        /* largest decoded-size bound of a block so far */
    size_t pair_max;     /* largest align8(bound) + align8(max_m before it) */
    size_t dup_cap, dup_used;
    /* the certificate being checked and the one before it (chain rules):
     * cert[pc] is the previous one, cert[pc ^ 1] the next to be scanned */
    cert_t cert[2];
#if CERTFIT_CONFIG_STREAM
    certfit_sscan sc;    /* the streaming scanner's state */
#endif
    certfit_finding f;   /* the finding being built (mk, emit) */
    uint32_t anchor_der; /* anchor candidate for ca-slot-bundle: its DER size (a certificate's
                          * DER fits 32 bits: it fits the work buffer), */
    int32_t anchor;      /* index, */
    uint32_t anchor_line; /* line */
    uint32_t n;
    uint32_t min_der;    /* the smallest certificate's DER size */
    int32_t idx;         /* the certificate being checked (mkc) */
    uint32_t line;       /* its line */
    uint32_t prev_line;
    uint32_t last_line;
    size_t blocks;       /* CERTIFICATE blocks (DER: elements) so far */
    uint8_t pc;
    bool prev_top;       /* the previous block lies at the top of the arena */
    uint8_t anchor_rank;
    bool broken;         /* a certificate is not issued (by name) by the next: not one chain */
    uint8_t roots;       /* self-signed certificates (anchor_like), counted up to 2 */
    bool other;          /* a certificate that is not self-signed */
    bool have_prev;
    bool any_non_ca;
    bool last_ca, last_parsed;
    bool last_bc_reported; /* ca-basic-constraints already fired on the last one */
#if CERTFIT_CONFIG_FINDING_TEXT
    bool anchor_name_pending; /* the anchor is k->prev; its name not formatted yet */
    char anchor_name[CERTFIT_FINDING_TEXT_SIZE];
#endif
    /* each rule's severity in this check (profile, role, skip mask, clock),
     * two bits per rule (SEV_OF); CERTFIT_SEV_OFF: not reported. Packed so
     * that the state on the device stays within CERTFIT_CHECK_STATE_SIZE
     * as the table grows. */
    uint8_t sev[(CERTFIT_RULE_COUNT + 3) / 4];
} ck;

#define PREV(k) (&(k)->cert[(k)->pc])
/* the duplicate table: right above the arena */
#define DUP(k) ((uint64_t *)(void *)((k)->arena + (k)->arena_size))

/* size_rules() walks these as consecutive ids */
typedef char size_rules_consecutive[CERTFIT_RULE_CREDENTIAL_READBACK == CERTFIT_RULE_CREDENTIAL_SIZE + 1 &&
                                            CERTFIT_RULE_CHAIN_SIZE == CERTFIT_RULE_CREDENTIAL_SIZE + 2
                                        ? 1
                                        : -1];
/* and size-headroom's detail names the figure by the same index */
typedef char headroom_details_in_order[CERTFIT_DETAIL_SIZE_HEADROOM_CREDENTIAL == 0 &&
                                               CERTFIT_DETAIL_SIZE_HEADROOM_READBACK == 1 &&
                                               CERTFIT_DETAIL_SIZE_HEADROOM_CHAIN == 2
                                           ? 1
                                           : -1];

/* certfit_check_opts.skip has a bit for every rule */
typedef char rules_fit_skip[CERTFIT_RULE_COUNT <= 64 ? 1 : -1];

#if CERTFIT_CONFIG_STATE_IN_WORK
/* check.h's CERTFIT_CHECK_STATE_SIZE must hold the state */
typedef char ck_fits_state_size[sizeof(ck) <= CERTFIT_CHECK_STATE_SIZE ? 1 : -1];
#endif

#if CERTFIT_CONFIG_STREAM
/* a's issuer is b's subject: the same length and hash (stream_internal.h).
 * Not inlined: its 64-bit compare at each of its callers costs the M33
 * image 62 B more (scripts/footprint.sh). */
static CERTFIT_NOINLINE bool issued_by(const cert_t *a, const cert_t *b)
{
    return a->issuer_len > 0 && a->issuer_len == b->subject_len && a->issuer_h == b->subject_h;
}
#else
#define issued_by(a, b) certfit_cert_is_issued_by(a, b)
#endif

static bool names_equal(const cert_t *c)
{
    return issued_by(c, c);
}

/* Would a finding of this rule be reported (not skipped, role, severity)? */
#define SEV_OF(k, r)  ((certfit_severity)((unsigned)(k)->sev[(r) >> 2] >> (((r)&3u) * 2u) & 3u))
#define enabled(k, r) (SEV_OF(k, r) != CERTFIT_SEV_OFF)

/* Report the finding mk() started (k->f), at most at override's severity
 * (CERTFIT_SEV_OFF: no cap). */
static void emit_capped(ck *k, certfit_severity override)
{
    certfit_finding *f = &k->f;
    certfit_severity sev = SEV_OF(k, (unsigned)f->rule);
    if (sev == CERTFIT_SEV_OFF)
        return;
    if (override != CERTFIT_SEV_OFF && override < sev)
        sev = override;
    f->severity = sev;
    k->res->counts[sev]++;
    /* the verdict names the most severe finding; among equals, the rule
     * that comes first in the table (sizes before keys before time) */
    if (!k->res->has_first || sev > k->res->first.severity ||
        (sev == k->res->first.severity && f->rule < k->res->first.rule)) {
        k->res->first = *f;
        k->res->has_first = true;
    }
    if (k->sink != NULL && k->sink->finding != NULL)
        k->sink->finding(k->sink->ctx, f);
}

/* The same uncapped, as nearly every rule reports: one copy of the
 * argument instead of one at each of its 31 calls (22 B less on the M33
 * image, scripts/footprint.sh). */
static CERTFIT_NOINLINE void emit(ck *k)
{
    emit_capped(k, CERTFIT_SEV_OFF);
}

/* Start a finding in the state's one scratch finding (no finding-sized
 * temporaries on the stack): the caller fills in the figures and emits it. */
static CERTFIT_NOINLINE certfit_finding *mk(ck *k, certfit_rule r, int32_t cert, uint32_t line)
{
    certfit_finding *f = &k->f;
    memset(f, 0, sizeof(*f));
    f->rule = r;
    f->cert = cert;
    f->offset = CERTFIT_NO_OFFSET;
    f->line = line;
    return f;
}

/* A finding about no one certificate (the item, a block that is not one):
 * 34 B less on the M33 image than CERTFIT_NO_CERT at each call
 * (scripts/footprint.sh). */
static CERTFIT_NOINLINE certfit_finding *mkn(ck *k, certfit_rule r, uint32_t line)
{
    return mk(k, r, CERTFIT_NO_CERT, line);
}

/* A finding about the certificate being checked (k->idx, k->line). */
static CERTFIT_NOINLINE certfit_finding *mkc(ck *k, certfit_rule r)
{
    return mk(k, r, k->idx, k->line);
}

/* The same with its detail code and measured figure. */
static CERTFIT_NOINLINE certfit_finding *mkd(ck *k, certfit_rule r, uint32_t detail, uint32_t value)
{
    certfit_finding *f = mkc(k, r);
    f->detail = detail;
    f->value = value;
    return f;
}

/* A finding about the certificate being checked that carries no more than
 * these figures, reported: 34 B less on the M33 image than mkd(), the limit
 * and emit() at each of its six calls (scripts/footprint.sh). */
static CERTFIT_NOINLINE void found(ck *k, certfit_rule r, uint32_t detail, uint32_t value,
                                   uint32_t limit)
{
    mkd(k, r, detail, value)->limit = limit;
    emit(k);
}

#if CERTFIT_CONFIG_FINDING_TEXT
static void set_text(certfit_finding *f, const void *s, size_t n)
{
    if (n >= sizeof(f->text))
        n = sizeof(f->text) - 1;
    memcpy(f->text, s, n);
    f->text[n] = '\0';
}

static void set_str(certfit_finding *f, const char *s)
{
    set_text(f, s, s != NULL ? strlen(s) : 0);
}

/* A short name for a certificate: its CN, else the RFC 4514 subject (the
 * streaming scanner formatted it while the subject was at hand). */
#if CERTFIT_CONFIG_STREAM
static void cert_label(const cert_t *c, char *out, size_t size)
{
    memcpy(out, c->label, size < sizeof(c->label) ? size : sizeof(c->label));
}
#else
static void cert_label(const cert_t *c, char *out, size_t size)
{
    size_t n;
    int rc = certfit_name_common_name(c->subject, out, size, &n);
    if (rc == CERTFIT_ERR_NOT_FOUND || rc == CERTFIT_ERR_DER) {
        if (certfit_name_format(c->subject, out, size, &n) != 0) {
            /* out keeps a valid, possibly empty, prefix */
        }
    }
}
#endif

/* Format the pending anchor's name from k->prev while its slot still holds
 * it (the slot is reused two certificates later). */
static void anchor_name_now(ck *k)
{
    if (!k->anchor_name_pending)
        return;
    k->anchor_name_pending = false;
    cert_label(PREV(k), k->anchor_name, sizeof(k->anchor_name));
}
#define anchor_name_pending_set(k) ((k)->anchor_name_pending = true)
#else
/* Numbers only (config.h): the text stays "", no name is formatted, and the
 * arguments are not evaluated (no name tables are linked). */
#define set_text(f, s, n) ((void)0)
#define set_str(f, s) ((void)0)
#define cert_label(c, out, size) ((void)0)
#define anchor_name_now(k) ((void)0)
#define anchor_name_pending_set(k) ((void)0)
#endif

#if !CERTFIT_CONFIG_STREAM
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
#endif

/* Put h in the table t of cap entries (linear probing); true when it was
 * there already. Not inlined into its two callers: 54 B less on the M33
 * image (scripts/footprint.sh). */
static CERTFIT_NOINLINE bool dup_put(uint64_t *t, size_t cap, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (t[i] != 0) {
        if (t[i] == h)
            return true;
        i = (i + 1) & (cap - 1);
    }
    t[i] = h;
    return false;
}

/*
 * Double the duplicate table while the next two certificates could fill it
 * past three quarters and the free arena below it, from low_end up, holds
 * a copy of the old table below the doubled one (rehashed from the copy
 * into its place at the top of the buffer) and, after that, a block of
 * keep bytes. Called only when no block lies at the top of the arena. A
 * table that cannot grow keeps its size: duplicates past its capacity go
 * unreported and work_needed says what would have held them.
 */
static void dup_grow(ck *k, size_t low_end, size_t keep)
{
    while (k->dup_cap != 0 && (k->dup_used + 2) * 4 > k->dup_cap * 3) {
        size_t bytes = k->dup_cap * sizeof(uint64_t); /* what the arena gives up */
        if (k->arena_size - low_end < bytes + (bytes > keep ? bytes : keep))
            return;
        uint64_t *old = DUP(k);
        uint64_t *copy = old - 2 * k->dup_cap;
        for (size_t i = 0; i < k->dup_cap; i++) /* a loop: memcpy would link libc's (236 B) */
            copy[i] = old[i];
        k->arena_size -= bytes;
        memset(old - k->dup_cap, 0, 2 * bytes);
        for (size_t i = 0; i < k->dup_cap; i++)
            if (copy[i] != 0)
                (void)dup_put(old - k->dup_cap, 2 * k->dup_cap, copy[i]);
        k->dup_cap *= 2;
    }
}

/* Returns true when an identical certificate was seen before. */
static bool dup_seen(ck *k, certfit_view der, const cert_t *c)
{
    if (k->dup_cap == 0 || k->dup_used * 4 >= k->dup_cap * 3)
        return false;
#if CERTFIT_CONFIG_STREAM
    (void)der;
    uint64_t h = c->der_h; /* the same hash, taken as the bytes passed */
#else
    uint64_t h = fnv(0xcbf29ce484222325ull, (const uint8_t *)&der.len, sizeof(der.len));
    certfit_view s = (c != NULL && c->sig_value.len > 0) ? c->sig_value : der;
    size_t head = s.len < 32 ? s.len : 32;
    h = fnv(h, s.p, head);
    h = fnv(h, s.p + s.len - head, head);
#endif
    h |= 1; /* 0 marks an empty slot */
    if (dup_put(DUP(k), k->dup_cap, h))
        return true;
    k->dup_used++;
    return false;
}

static certfit_selfsig self_signature(ck *k, const cert_t *c)
{
    if (!CERTFIT_WITH_SIGNATURES || !k->o->verify_signatures)
        return CERTFIT_SELFSIG_UNKNOWN;
    if (!names_equal(c))
        return CERTFIT_SELFSIG_NO;
#if CERTFIT_WITH_SIGNATURES
    int rc = certfit_verify_signature(c, c->spki, &k->res->crypto_error);
    if (rc == CERTFIT_ERR_UNSUPPORTED)
        return CERTFIT_SELFSIG_UNKNOWN;
    return rc == 0 ? CERTFIT_SELFSIG_YES : CERTFIT_SELFSIG_NO;
#else
    return CERTFIT_SELFSIG_UNKNOWN;
#endif
}

/* Hash a curve needs for matching strength (NIST SP 800-57 Part 1 Table 3). */
static certfit_hash hash_for_bits(uint32_t bits)
{
    if (bits > 384)
        return CERTFIT_HASH_SHA512;
    if (bits > 256)
        return CERTFIT_HASH_SHA384;
    return CERTFIT_HASH_SHA256;
}

static bool is_ecdsa(certfit_sig_alg a)
{
    return a >= CERTFIT_SIG_ECDSA_SHA1 && a <= CERTFIT_SIG_ECDSA_SHA512;
}

/* c's signature hash against its signer's curve: the signer is c itself (a
 * trust anchor, the certificate being checked) or the certificate being
 * checked (then c is the one before it). */
static void hash_strength(ck *k, const cert_t *c, const cert_t *signer)
{
    bool self = c == signer;
    if (!is_ecdsa(c->sig_alg) || signer->key_type != CERTFIT_KEY_EC || signer->key_bits == 0)
        return;
    certfit_hash need = hash_for_bits(signer->key_bits);
    if (c->sig_hash >= need || c->sig_hash < CERTFIT_HASH_SHA1)
        return;
    certfit_finding *f = self ? mkc(k, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH)
                              : mk(k, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH, k->idx - 1, k->prev_line);
    f->value = c->sig_hash;
    f->limit = need;
    f->extra = signer->key_bits;
    set_str(f, certfit_sig_alg_name(c->sig_alg));
    emit_capped(k, self ? CERTFIT_SEV_NOTICE : CERTFIT_SEV_OFF);
}

static void time_encoding(ck *k, const cert_t *c)
{
    const certfit_time *t = &c->not_before;
    for (uint32_t i = 0; i < 2; i++, t = &c->not_after) {
        uint32_t why;
        if (!t->exact)
            why = CERTFIT_DETAIL_TIME_ENCODING_NOT_EXACT;
        else if (t->type == CERTFIT_TIME_GENERALIZED)
            why = t->t < 2524608000 ? CERTFIT_DETAIL_TIME_ENCODING_GENERALIZED_EARLY : 0; /* before 2050-01-01 */
        else /* a UTCTime that reads as 19YY, probably meant 20YY (2050+) */
            why = i == 1 && t->type == CERTFIT_TIME_UTC && t->t < c->not_before.t &&
                          t->t < 946684800
                      ? CERTFIT_DETAIL_TIME_ENCODING_UTC_WRAPPED
                      : 0;
        if (why != 0) {
            certfit_finding *f = mkd(k, CERTFIT_RULE_TIME_ENCODING,
                                     (i ? CERTFIT_DETAIL_TIME_ENCODING_NOT_AFTER : 0u) | why, t->type);
            f->extra = t->t;
            emit(k);
        }
    }
}

/* A finding about a time: extra is the time, value the whole days from b
 * to a (0 when a is not after b). */
static void timed(ck *k, certfit_rule r, int64_t extra, int64_t a, int64_t b, uint32_t limit)
{
    certfit_finding *f = mkc(k, r);
    f->extra = extra;
    f->value = a > b ? certfit_udiv((uint64_t)(a - b), 86400, 0) : 0;
    f->limit = limit;
    emit(k);
}

static void der_strict(ck *k, const cert_t *c)
{
    certfit_finding *f = mkd(k, CERTFIT_RULE_DER_STRICT, c->strict, c->strict_count);
    f->offset = c->strict_offset;
    set_str(f, certfit_strict_name(c->strict));
    emit(k);
}

#if CERTFIT_CONFIG_HYGIENE
/* A finding of the RFC 5280 hygiene rules (lib/hygiene.c). */
static void hygiene_found(void *ctx, certfit_rule r, uint32_t detail, uint64_t value)
{
    ck *k = ctx;
    certfit_finding *f = mkd(k, r, detail, 0);
    f->value = value;
    emit(k);
}
#endif

/* The signature OID for a finding's text, whether the authorityKeyIdentifier
 * names another key than the subjectKeyIdentifier, and the host match. */
#if CERTFIT_CONFIG_STREAM
#define SIG_OID(c) ((certfit_view){(c)->sig_oid, (c)->sig_oid_len})
#define HOST_MATCH(c, host) ((c)->host_match)
static bool other_key_id(const cert_t *c)
{
    return c->aki_len > 0 && c->ski_len > 0 && (c->aki_len != c->ski_len || c->aki_h != c->ski_h);
}
#else
#define SIG_OID(c) ((c)->sig_oid)
#define HOST_MATCH(c, host) certfit_cert_matches_host(c, host, strlen(host))
static bool other_key_id(const cert_t *c)
{
    return c->aki.len > 0 && c->ski.len > 0 &&
           (c->aki.len != c->ski.len || memcmp(c->aki.p, c->ski.p, c->aki.len) != 0);
}
#endif

static CERTFIT_NOINLINE void per_cert(ck *k, const cert_t *c, int32_t idx, certfit_selfsig self,
                     uint32_t line)
{
    const certfit_profile *pf = k->pf;
    bool named_self = names_equal(c);
    bool anchor_like = named_self && self != CERTFIT_SELFSIG_NO;
    certfit_finding *f;

    if (c->strict_count > 0)
        der_strict(k, c);

    bool key_ok = (pf->key_types & BIT(c->key_type)) != 0;
    if (key_ok && c->key_type == CERTFIT_KEY_EC)
        key_ok = (pf->curves & BIT(c->curve)) != 0;
    /* a curve larger than the client's largest EC key (BearSSL's BR_MAX_EC_SIZE) */
    bool ec_big = c->key_type == CERTFIT_KEY_EC && pf->ec_max_bits != 0 &&
                  c->key_bits > pf->ec_max_bits;
    if (!key_ok || ec_big) {
        f = mkd(k, CERTFIT_RULE_KEY_ALGORITHM, c->key_type, c->key_bits);
        f->limit = ec_big ? pf->ec_max_bits : 0;
        f->extra = c->curve;
        set_str(f, c->key_type == CERTFIT_KEY_EC ? certfit_curve_name(c->curve)
                                                   : certfit_key_type_name(c->key_type));
        emit(k);
    }
    if (pf->cert_limit != 0 && RAW_LEN(c) > pf->cert_limit) {
        found(k, CERTFIT_RULE_CERTIFICATE_SIZE, 0, (uint32_t)RAW_LEN(c), pf->cert_limit);
    }
    if (c->key_type == CERTFIT_KEY_RSA &&
        (c->key_bits < pf->rsa_min_bits || (pf->rsa_max_bits != 0 && c->key_bits > pf->rsa_max_bits))) {
        bool low = c->key_bits < pf->rsa_min_bits;
        found(k, CERTFIT_RULE_RSA_KEY_SIZE,
              low ? CERTFIT_DETAIL_RSA_KEY_SIZE_BELOW_MIN : CERTFIT_DETAIL_RSA_KEY_SIZE_ABOVE_MAX,
              c->key_bits, low ? pf->rsa_min_bits : pf->rsa_max_bits);
    }

    certfit_hash h = c->sig_hash;
    bool weak = h == CERTFIT_HASH_MD2 || h == CERTFIT_HASH_MD5 || h == CERTFIT_HASH_SHA1;
    bool known = c->sig_alg != CERTFIT_SIG_UNKNOWN;
    if (weak || !known || !(pf->hashes & BIT(h))) {
        f = mkd(k, CERTFIT_RULE_SIGNATURE_ALGORITHM, c->sig_alg, h);
#if CERTFIT_CONFIG_FINDING_TEXT
        if (known) {
            set_str(f, certfit_sig_alg_name(c->sig_alg));
        } else if (certfit_oid_format(SIG_OID(c), f->text, sizeof(f->text)) != 0) {
            set_str(f, "unknown");
        }
#endif
        /* RFC 5280 6.1: a trust anchor's own signature is not relied on */
        emit_capped(k, anchor_like ? CERTFIT_SEV_NOTICE : CERTFIT_SEV_OFF);
    }
    if (anchor_like)
        hash_strength(k, c, c);

    if (pf->require_self_signed &&
        (!named_self || self == CERTFIT_SELFSIG_NO)) {
        found(k, CERTFIT_RULE_SELF_SIGNED,
              named_self ? CERTFIT_DETAIL_SELF_SIGNED_BAD_SIGNATURE : CERTFIT_DETAIL_SELF_SIGNED_OTHER_ISSUER,
              0, 0);
    }
    if (named_self && self == CERTFIT_SELFSIG_NO) {
        /* its authorityKeyIdentifier is not its own key: a same-name CA
         * issued it (not a modified file) */
        found(k, CERTFIT_RULE_SELF_SIGNED_SIGNATURE,
              other_key_id(c) ? CERTFIT_DETAIL_SELF_SIGNED_SIGNATURE_SAME_NAME_CA : 0, 0, 0);
    }

    { /* expired, expires-soon, not-yet-valid: off without a clock (k->sev) */
        int64_t now = k->o->now;
        if (now > c->not_after.t)
            timed(k, CERTFIT_RULE_EXPIRED, c->not_after.t, now, c->not_after.t, 0);
        else if (c->not_after.t - now < (int64_t)pf->expires_soon_days * 86400)
            timed(k, CERTFIT_RULE_EXPIRES_SOON, c->not_after.t, c->not_after.t, now,
                  pf->expires_soon_days);
        if (now < c->not_before.t)
            timed(k, CERTFIT_RULE_NOT_YET_VALID, c->not_before.t, c->not_before.t, now, 0);
    }
    if (pf->lifetime_min_years > 0 &&
        c->not_after.t < certfit_lifetime_end_at(c->not_before.t, pf->lifetime_min_years))
        timed(k, CERTFIT_RULE_LIFETIME_MIN, c->not_after.t, c->not_after.t, c->not_before.t,
              pf->lifetime_min_years);
    time_encoding(k, c);

#if CERTFIT_CONFIG_STREAM
    size_t sn_len = c->serial_len;
    bool zero = c->serial_zero, negative = c->serial_negative;
#else
    certfit_view sn = c->serial;
    size_t sn_len = sn.len;
    bool zero = true;
    for (size_t i = 0; i < sn.len; i++)
        zero = zero && sn.p[i] == 0;
    bool negative = sn.len > 0 && (sn.p[0] & 0x80);
#endif
    if (zero || negative || sn_len > 20) { /* zero: also no octet at all */
        found(k, CERTFIT_RULE_SERIAL_NUMBER,
              zero       ? CERTFIT_DETAIL_SERIAL_NUMBER_ZERO
              : negative ? CERTFIT_DETAIL_SERIAL_NUMBER_NEGATIVE
                         : CERTFIT_DETAIL_SERIAL_NUMBER_TOO_LONG,
              (uint32_t)sn_len, 20);
    }

#if CERTFIT_CONFIG_HYGIENE
    certfit_hygiene_cert(c, named_self && self != CERTFIT_SELFSIG_NO,
                         idx == 0 && k->o->role == CERTFIT_ROLE_SERVER, hygiene_found, k);
#endif
#if CERTFIT_CONFIG_HOSTNAME
    if (idx == 0 && k->o->host != NULL &&
        !HOST_MATCH(c, k->o->host)) {
        f = mkc(k, CERTFIT_RULE_HOSTNAME_MISMATCH);
        set_str(f, k->o->host);
        emit(k);
    }
#endif
    if (idx > 0 && anchor_like && enabled(k, CERTFIT_RULE_ROOT_IN_CHAIN)) {
        f = mkc(k, CERTFIT_RULE_ROOT_IN_CHAIN);
        f->value = 3 + RAW_LEN(c); /* its entry in the TLS 1.2 Certificate message */
        cert_label(c, f->text, sizeof(f->text));
        emit(k);
    }

    /* anchor candidate: prefer a self-signed CA, then any CA, then the last.
     * Its name is formatted only once it stops being replaced (a bundle of
     * roots replaces it at every certificate): until then it is k->prev. */
    int rank = (anchor_like && c->ca) ? 3 : c->ca ? 2 : 1;
    if (k->o->keep != 0) /* a server's chain named the one it needs */
        rank = (uint32_t)idx + 1 == k->o->keep ? 4 : 0;
    if (!anchor_like)
        k->other = true;
    else if (k->roots < 2)
        k->roots++;
    if (k->min_der == 0 || RAW_LEN(c) < k->min_der)
        k->min_der = (uint32_t)RAW_LEN(c);
    if (rank >= k->anchor_rank) {
        k->anchor_rank = (uint8_t)rank;
        k->anchor = idx;
        k->anchor_der = (uint32_t)RAW_LEN(c);
        k->anchor_line = line;
        anchor_name_pending_set(k);
    } else {
        anchor_name_now(k);
    }
    if (!c->ca)
        k->any_non_ca = true;
}

/* Rules about certificate idx - 1 and its issuer c (certificate idx).
 * Findings about the previous certificate carry its own line. */
static void pair(ck *k, const cert_t *c, int32_t idx)
{
    const cert_t *p = PREV(k);
    int32_t pidx = idx - 1;
    uint32_t pline = k->prev_line;
    certfit_finding *f;
    if (!issued_by(p, c)) {
        k->broken = true;
        f = mk(k, CERTFIT_RULE_CHAIN_ORDER, pidx, pline);
        f->detail = CERTFIT_DETAIL_CHAIN_ORDER_NAMES;
        f->extra = idx;
        emit(k);
        return;
    }
    /* c issues the certificate before it: it must be a CA (RFC 5280 4.2.1.9).
     * Only then: a leaf that merely stands in the wrong place is chain-order. */
    if (!c->ca) {
        found(k, CERTFIT_RULE_CA_BASIC_CONSTRAINTS,
              c->has_basic_constraints ? CERTFIT_DETAIL_CA_BASIC_CONSTRAINTS_NOT_CA
                                       : CERTFIT_DETAIL_CA_BASIC_CONSTRAINTS_NO_EXTENSION,
              0, 0);
        k->last_bc_reported = true;
    }
#if CERTFIT_WITH_SIGNATURES
    if (k->o->verify_signatures) {
        int rc = certfit_verify_signature(p, c->spki, &k->res->crypto_error);
        if (rc != 0 && rc != CERTFIT_ERR_UNSUPPORTED) {
            f = mk(k, CERTFIT_RULE_CHAIN_ORDER, pidx, pline);
            f->detail = CERTFIT_DETAIL_CHAIN_ORDER_SIGNATURE;
            f->extra = idx;
            emit(k);
        }
    }
#endif
    if (!names_equal(p))
        hash_strength(k, p, c);
}

/* One certificate: der.len bytes of DER at der.p, or (streaming, der.p
 * NULL) decoded from the base64 body b64 as the scanner reads it. */
static void on_cert(ck *k, certfit_view der, certfit_view b64, size_t offset, uint32_t line)
{
    cert_t *c = &k->cert[k->pc ^ 1]; /* cert[pc] is the previous one */
    int32_t idx = (int32_t)k->n++;
    k->idx = idx;
    k->line = line;
    certfit_sizes_add(&k->res->sizes, der.len);
#if CERTFIT_CONFIG_STREAM
    int rc = certfit_stream_scan(&k->sc, der.p, b64.p, b64.len, der.len,
                                 CERTFIT_CONFIG_HOSTNAME && k->idx == 0 ? k->o->host : NULL, c);
#else
    (void)b64;
    int rc = certfit_cert_scan(der.p, der.len, c);
#endif
    certfit_cert_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.index = (uint32_t)idx;
    ev.der = der;
    ev.line = line;
    ev.offset = offset;
    ev.self_signed = CERTFIT_SELFSIG_UNKNOWN;
    k->last_line = line;
    if (rc != 0) {
        if (k->sink != NULL && k->sink->cert != NULL)
            k->sink->cert(k->sink->ctx, &ev);
        der_strict(k, c);
        anchor_name_now(k);
        k->have_prev = false;
        k->last_parsed = false;
        k->any_non_ca = true;
        return;
    }
    if (dup_seen(k, der, c) && enabled(k, CERTFIT_RULE_CHAIN_DUPLICATE)) {
        certfit_finding *f = mkc(k, CERTFIT_RULE_CHAIN_DUPLICATE);
        f->value = der.len;
        cert_label(c, f->text, sizeof(f->text));
        emit(k);
    }
    k->last_bc_reported = false;
    certfit_selfsig self = self_signature(k, c);
#if !CERTFIT_CONFIG_STREAM
    ev.cert = c; /* streaming: no certfit_cert, no DER (check.h) */
#endif
    ev.self_signed = self;
    if (k->sink != NULL && k->sink->cert != NULL)
        k->sink->cert(k->sink->ctx, &ev);
    per_cert(k, c, idx, self, line);
    if (k->have_prev)
        pair(k, c, idx);
    k->pc ^= 1; /* the current certificate is now the previous one */
    k->prev_line = line;
    k->have_prev = true;
    k->last_ca = c->ca;
    k->last_parsed = true;
}

/* Is this whole DER element (certfit_der_element_len() accepted it) a
 * private key (PKCS#1, SEC1, PKCS#8: SEQUENCE starting with an INTEGER)
 * rather than a certificate (SEQUENCE starting with a SEQUENCE)? */
static bool is_key(certfit_view der)
{
    size_t hdr = (der.p[1] & 0x80) ? 2u + (der.p[1] & 0x7fu) : 2u;
    return der.p[0] == 0x30 && der.len > hdr && der.p[hdr] == 0x02;
}

static uint32_t line_at(const ck *k, size_t off)
{
    if (!CERTFIT_CONFIG_LINES)
        return 0;
    if (!k->item->lines_known)
        return k->item->first_line;
    uint32_t line = k->item->first_line;
    const uint8_t *p = k->item->text.p;
    for (size_t i = 0; i < off && i < k->item->text.len; i++)
        line += p[i] == '\n';
    return line;
}

static CERTFIT_NOINLINE int item_error(ck *k, int err, size_t off)
{
    k->res->error = err;
    k->res->error_offset = off;
    k->res->error_line = line_at(k, off);
    return err;
}

#if CERTFIT_WITH_MBEDTLS_PARSE
/* mbedtls-parse (host only): what mbedtls_x509_crt_parse() does with the
 * certificate. A PEM block labelled other than CERTIFICATE is not PEM to
 * it: it parses the block's text as DER (and refuses it). */
static void mbedtls_parse_rule(ck *k, certfit_view der, certfit_view label, certfit_view block)
{
    if (!k->o->verify_signatures || k->o->x509_parse == NULL ||
        !enabled(k, CERTFIT_RULE_MBEDTLS_PARSE))
        return;
    bool pem_ok = label.len == 0 || (label.len == 11 && memcmp(label.p, "CERTIFICATE", 11) == 0);
    int code = pem_ok ? k->o->x509_parse(der.p, der.len) : k->o->x509_parse(block.p, block.len);
    if (code == 0)
        return;
    certfit_finding *f = mk(k, CERTFIT_RULE_MBEDTLS_PARSE, (int32_t)k->n - 1, k->last_line);
    f->value = (uint64_t) - (int64_t)code;
    f->detail =
        pem_ok ? CERTFIT_DETAIL_MBEDTLS_PARSE_CERTIFICATE : CERTFIT_DETAIL_MBEDTLS_PARSE_PEM_LABEL;
    if (label.len > 0)
        set_text(f, label.p, label.len);
    emit(k);
}
#endif
/* ---- the work buffer ------------------------------------------------------
 *
 * [state (CERTFIT_CONFIG_STATE_IN_WORK)] [arena ...] [duplicate table]
 *
 * The arena holds decoded blocks as two stacks: a block goes to the end
 * opposite the previous certificate (bottom, then top, then bottom), so a
 * block fits when it and the block before it fit together. The duplicate
 * table starts with DUP_MIN entries at the top and doubles downwards
 * (dup_grow()) while the top of the arena is free. Nothing is known in
 * advance: a block that does not fit stops the check with
 * CERTFIT_ERR_WORK_TOO_SMALL, and work_needed is worked out from what the
 * pass saw (the rest of the text is then only walked to size it).
 */

static size_t align8(size_t v)
{
    return (v + 7) & ~(size_t)7;
}

/* The duplicate table for count certificates: the capacity dup_grow()
 * reaches, and while it grows the old table beside the new one. */
static size_t dup_bytes(size_t count)
{
    size_t cap = DUP_MIN;
    while ((count + 1) * 4 > cap * 3 && cap < ((size_t)1 << (sizeof(size_t) * 8 - 6)))
        cap <<= 1;
    return cap > DUP_MIN ? cap * sizeof(uint64_t) / 2 * 3 : cap * sizeof(uint64_t);
}

/* What checks an item of count blocks whose largest pair is pair bytes:
 * the arena, the table, the state and the alignment slack. */
static size_t work_for(size_t pair, size_t count)
{
    return WORK_ALIGN_SLACK + CERTFIT_CHECK_STATE_SIZE + pair + dup_bytes(count);
}

/* One CERTIFICATE block (DER: one element, m = 0) of decoded-size bound m,
 * as work_needed counts it. A block shares the arena with the last
 * certificate before it; the largest block before it bounds that one
 * whatever the blocks between were (a key block is not kept), so the walk
 * and the pass count the same. */
static void tally(size_t *pair, size_t *max_m, size_t *count, size_t m)
{
    (*count)++;
    size_t p = align8(m) + align8(*max_m);
    if (p > *pair)
        *pair = p;
    if (m > *max_m)
        *max_m = m;
}
#define TALLY(k, m) tally(&(k)->pair_max, &(k)->max_m, &(k)->blocks, (m))

/*
 * Streaming, no block is kept (pair and max_m stay 0) and the duplicate
 * table counts only the blocks that can hold a certificate the scanner
 * accepts: the smallest is 58 bytes of DER (SEQUENCE { TBSCertificate of
 * 49 bytes: an empty serial, algorithm OIDs and Names, two 11-character
 * UTCTimes, a key of no bits; an empty OID; a BIT STRING of no bits }),
 * 80 characters of base64. A 4096-byte text then holds at most 30 of them.
 */
#define STREAM_B64_MIN 80u
#if CERTFIT_CONFIG_STREAM
#define COUNTS(body_len) ((body_len) >= STREAM_B64_MIN)
#else
#define COUNTS(body_len) true
#endif

#if !CERTFIT_CONFIG_STREAM
/*
 * Where a block of decoded-size bound m goes: the end of the arena opposite
 * the previous block. *top says which end. NULL when it does not fit.
 */
static uint8_t *block_space(ck *k, size_t m, bool *top)
{
    size_t need = align8(m);
    if (k->prev_top) {
        *top = false;
        return need <= k->prev_edge ? k->arena : NULL;
    }
    dup_grow(k, k->prev_edge, need);
    *top = true;
    return need <= k->arena_size - k->prev_edge ? k->arena + k->arena_size - need : NULL;
}

/* The block at buf (block_space()) now holds the previous certificate. */
static void block_kept(ck *k, const uint8_t *buf, size_t m, bool top)
{
    k->prev_top = top;
    k->prev_edge = top ? (size_t)(buf - k->arena) : align8(m);
}
#endif

size_t certfit_check_work_size(const certfit_item *item)
{
    size_t pair = 0, max_m = 0, count = 0;
    if (CERTFIT_CONFIG_DER_INPUT && item->format == CERTFIT_FORMAT_DER) {
        size_t pos = 0, tl;
        while (pos < item->text.len &&
               certfit_der_element_len(item->text.p + pos, item->text.len - pos, &tl) == 0) {
            tally(&pair, &max_m, &count, 0);
            pos += tl;
        }
    } else {
        certfit_pem_iter it;
        certfit_pem_block blk;
        certfit_pem_iter_init(&it, item->text.p, item->text.len);
        while (certfit_pem_next(&it, &blk) == 1)
            if (blk.kind == CERTFIT_PEM_CERTIFICATE && COUNTS(blk.body.len))
                tally(&pair, &max_m, &count,
                      CERTFIT_CONFIG_STREAM ? 0 : certfit_base64_max_decoded(blk.body.len));
    }
    return work_for(pair, count);
}

/* The fewest bytes of text a CERTIFICATE block takes (each counts towards
 * the duplicate table, even one that turns out empty or broken):
 * "-----BEGIN CERTIFICATE-----", its LF, then "-----END CERTIFICATE-----";
 * streaming, only blocks with a body of STREAM_B64_MIN or more count. */
#if CERTFIT_CONFIG_STREAM
#define PEM_CERT_MIN (11u + 11u + 5u + 1u + STREAM_B64_MIN + 25u)
#else
#define PEM_CERT_MIN (11u + 11u + 5u + 1u + 25u)
#endif

size_t certfit_check_work_bound(const certfit_item *item)
{
    size_t len = item->text.len;
    if (CERTFIT_CONFIG_DER_INPUT && item->format == CERTFIT_FORMAT_DER)
        return work_for(0, len / 2 + 1); /* a DER element takes two bytes or more */
    /* two blocks' bodies lie within the text: their bounds, each rounded up
     * to 8, add up to at most 3/4 of it plus 20; streaming keeps none */
    return work_for(CERTFIT_CONFIG_STREAM ? 0 : align8(len / 4 * 3) + 24, len / PEM_CERT_MIN + 1);
}

#if CERTFIT_CONFIG_DER_INPUT
static int run_der(ck *k)
{
    certfit_view t = k->item->text;
    size_t pos = 0;
    while (pos < t.len) {
        size_t tl;
        certfit_view rest = {t.p + pos, t.len - pos};
        if (t.p[pos] != 0x30 || certfit_der_element_len(rest.p, rest.len, &tl) != 0) {
            if (k->n == 0 && t.p[pos] == 0x30) {
                /* the only element is broken: scan it for a precise der-strict */
                TALLY(k, 0);
                dup_grow(k, 0, 0);
                on_cert(k, rest, (certfit_view){NULL, 0}, pos, 0);
                return 0;
            }
            certfit_finding *f = mkn(k, CERTFIT_RULE_TRAILING_DATA, 0);
            f->offset = pos;
            f->value = rest.len;
            emit(k);
            break;
        }
        certfit_view der = {rest.p, tl};
        TALLY(k, 0); /* DER is checked where it lies: no block in the arena */
        dup_grow(k, 0, 0);
        if (is_key(der)) {
            certfit_finding *f = mkn(k, CERTFIT_RULE_PRIVATE_KEY_PRESENT, 0);
            f->offset = pos;
            set_str(f, "DER private key");
            emit(k);
        } else {
            on_cert(k, der, (certfit_view){NULL, 0}, pos, 0);
#if CERTFIT_WITH_MBEDTLS_PARSE
            mbedtls_parse_rule(k, der, (certfit_view){NULL, 0}, der);
#endif
        }
        pos += tl;
    }
    return 0;
}
#endif


#if CERTFIT_CONFIG_STREAM
/* A base64 body's decoded length and first bytes (head: the DER header and
 * what follows it, for trailing-data and a key in a CERTIFICATE block), or
 * its error and the error's offset: what certfit_base64_decode() gives. */
static int measure(certfit_view body, uint8_t head[8], size_t *dlen, size_t *bad)
{
    certfit_b64_cursor c;
    certfit_b64_cursor_init(&c, body.p, body.len);
    size_t n = 0;
    int b;
    while ((b = certfit_b64_cursor_next(&c, bad)) >= 0) {
        if (n < 8)
            head[n] = (uint8_t)b;
        n++;
    }
    memset(c.out, 0, sizeof(c.out)); /* it may be a key's */
    *dlen = n;
    return b == -1 ? 0 : CERTFIT_ERR_BASE64;
}
#endif

static int run_pem(ck *k)
{
    certfit_pem_iter it;
    certfit_pem_block blk;
    certfit_view t = k->item->text;
    certfit_pem_iter_init(&it, t.p, t.len);
    int rc;
    while ((rc = certfit_pem_next(&it, &blk)) == 1) {
        size_t m = certfit_base64_max_decoded(blk.body.len), dlen, bad;
        if (blk.kind == CERTFIT_PEM_CERTIFICATE && COUNTS(blk.body.len))
            TALLY(k, CERTFIT_CONFIG_STREAM ? 0 : m);
        if (k->res->error != 0)
            continue; /* after an error, blocks are only counted for work_needed */
        uint32_t line = LINE(k->item->lines_known ? k->item->first_line + blk.line - 1
                                                  : k->item->first_line);
        if (blk.kind != CERTFIT_PEM_CERTIFICATE) {
            /* a key is never decoded, never copied: only the label and where it is */
            certfit_finding *f = mkn(k, blk.kind == CERTFIT_PEM_PRIVATE_KEY
                                            ? CERTFIT_RULE_PRIVATE_KEY_PRESENT
                                            : CERTFIT_RULE_NON_CERTIFICATE_BLOCK,
                                     line);
            f->offset = blk.begin_offset;
            set_text(f, blk.label.p, blk.label.len);
            emit(k);
            size_t kb = blk.end_offset - blk.begin_offset; /* measured, never decoded */
            if (blk.kind == CERTFIT_PEM_PRIVATE_KEY && k->pf->key_credential_limit != 0 &&
                kb > k->pf->key_credential_limit) {
                f = mkn(k, CERTFIT_RULE_KEY_CREDENTIAL_SIZE, line);
                f->offset = blk.begin_offset;
                f->value = kb;
                f->limit = k->pf->key_credential_limit;
                emit(k);
            }
            continue;
        }
        size_t err = blk.begin_offset;
#if CERTFIT_CONFIG_STREAM
        /* nothing decoded is kept: the body is read once here for its
         * length, its first bytes and any error, and again by the scanner */
        uint8_t buf[8];
        dup_grow(k, 0, 0);
        rc = measure(blk.body, buf, &dlen, &bad);
        if (rc == 0 && dlen == 0)
            rc = CERTFIT_ERR_DER;
        else if (rc != 0)
            err = (size_t)(blk.body.p - t.p) + bad;
#else
        bool top;
        uint8_t *buf = block_space(k, m, &top);
        rc = CERTFIT_ERR_WORK_TOO_SMALL;
        if (buf != NULL) {
            rc = certfit_base64_decode(blk.body.p, blk.body.len, buf, m, &dlen, &bad);
            if (rc == 0 && dlen == 0)
                rc = CERTFIT_ERR_DER;
            else if (rc != 0)
                err = (size_t)(blk.body.p - t.p) + bad;
        }
#endif
        if (rc != 0) {
            item_error(k, rc, err);
            continue;
        }
        certfit_view der = {buf, dlen};
        size_t tl;
        bool whole = certfit_der_element_len(buf, dlen, &tl) == 0;
        /* "X509 CERTIFICATE" (16) or "TRUSTED CERTIFICATE" (19), whose
         * trust settings follow the certificate: read, and warned about */
        uint32_t label = blk.label.len == 16   ? CERTFIT_DETAIL_PEM_LABEL_X509
                         : blk.label.len == 19 ? CERTFIT_DETAIL_PEM_LABEL_TRUSTED
                                               : 0u;
        if (label != 0) {
            certfit_finding *f = mk(k, CERTFIT_RULE_PEM_LABEL, (int32_t)k->n, line);
            f->detail = label;
            f->offset = blk.begin_offset;
            f->value = whole && tl < dlen ? dlen - tl : 0;
            emit(k);
            if (label == CERTFIT_DETAIL_PEM_LABEL_TRUSTED && whole)
                der.len = dlen = tl; /* the trust settings are not trailing data */
        }
        if (whole && tl < dlen) {
            certfit_finding *f = mk(k, CERTFIT_RULE_TRAILING_DATA, (int32_t)k->n, line);
            f->offset = blk.begin_offset;
            f->value = dlen - tl;
            emit(k);
            der.len = tl;
        }
        if (whole && is_key(der)) {
            certfit_finding *f = mkn(k, CERTFIT_RULE_PRIVATE_KEY_PRESENT, line);
            f->offset = blk.begin_offset;
            set_str(f, "private key in a CERTIFICATE block");
            emit(k);
#if CERTFIT_CONFIG_STREAM
            memset(buf, 0, sizeof(buf));
#else
            memset(buf, 0, dlen);
#endif
            continue;
        }
#if CERTFIT_CONFIG_STREAM
        on_cert(k, (certfit_view){NULL, der.len}, blk.body, blk.begin_offset, line);
#else
        on_cert(k, der, (certfit_view){NULL, 0}, blk.begin_offset, line);
#if CERTFIT_WITH_MBEDTLS_PARSE
        mbedtls_parse_rule(k, der, blk.label, (certfit_view){t.p + blk.begin_offset,
                                                             blk.end_offset - blk.begin_offset});
#endif
        block_kept(k, buf, m, top);
#endif
    }
    if (k->res->error != 0)
        return k->res->error; /* the first error stands */
    if (rc < 0)
        return item_error(k, rc, it.error_offset);
    if (k->o->role == CERTFIT_ROLE_CA) {
        if (it.stray_bytes > 0) {
            certfit_finding *f =
                mkn(k, CERTFIT_RULE_PEM_STRAY_TEXT,
                    LINE(k->item->lines_known ? k->item->first_line + it.stray_line - 1
                                              : k->item->first_line));
            f->offset = it.stray_offset;
            f->value = it.stray_bytes;
            emit(k);
        }
        /* the first CR and how many; with SIMD (lib/simd.h) the usual
         * CR-free text is skipped fast, a device's text is one credential */
        size_t crs = 0, off = 0;
#if CERTFIT_HAVE_SIMD
        off = certfit_simd_find_byte(t.p, t.len, '\r');
#endif
        for (size_t i = off; i < t.len; i++)
            if (t.p[i] == '\r' && crs++ == 0)
                off = i;
        if (crs > 0) {
            certfit_finding *f = mkn(k, CERTFIT_RULE_PEM_LINE_ENDINGS, line_at(k, off));
            f->offset = off;
            f->value = crs;
            emit(k);
        }
    }
    return 0;
}

static CERTFIT_NOINLINE void size_rules(ck *k)
{
    anchor_name_now(k);
    const certfit_sizes *s = &k->res->sizes;
    const certfit_profile *pf = k->pf;
    certfit_finding *f;
    /* credential-size and credential-readback (CA), chain-size (server):
     * consecutive rules, and consecutive limits in the profile */
    bool headroom_done = false;
    uint64_t crs = 0; /* a client that counts PEM without its CR bytes */
    for (size_t i = 0; pf->pem_size_without_cr && k->item->format == CERTFIT_FORMAT_PEM &&
                       i < k->item->text.len; i++)
        crs += k->item->text.p[i] == '\r';
    for (uint32_t i = 0; i < 3; i++) {
        uint64_t value;
        uint32_t limit;
        switch (i) {
        case 0:
            value = s->credential_bytes - crs;
            limit = pf->credential_limit;
            break;
        case 1:
            value = s->cmng_read_response;
            limit = pf->readback_limit;
            break;
        default:
            value = s->tls12_certificate_message;
            limit = pf->chain_limit;
            break;
        }
        if (limit == 0 || (i < 2) != (k->o->role == CERTFIT_ROLE_CA))
            continue;
        if (value > limit) {
            f = mkn(k, (certfit_rule)(CERTFIT_RULE_CREDENTIAL_SIZE + i), 0);
        } else if (!headroom_done &&
                   value * 100 > (uint64_t)limit * (100u - pf->headroom_percent)) {
            f = mkn(k, CERTFIT_RULE_SIZE_HEADROOM, 0);
            f->detail = i; /* CERTFIT_DETAIL_SIZE_HEADROOM_CREDENTIAL, _READBACK, _CHAIN */
            f->extra = pf->headroom_percent;
            headroom_done = true;
        } else {
            continue;
        }
        f->value = value;
        f->limit = limit;
        emit(k);
    }
    if (pf->max_depth != 0 && s->certs > pf->max_depth) {
        f = mkn(k, CERTFIT_RULE_CHAIN_DEPTH, 0);
        f->value = s->certs;
        f->limit = pf->max_depth;
        emit(k);
    }
    /* the CA-slot rules: a CA credential only, not a client certificate (type 1) */
    bool ca_slot = k->o->role == CERTFIT_ROLE_CA && k->o->cred_type == 0;
    if (ca_slot && k->n > 0 && (k->n > 1 || k->any_non_ca) && k->anchor >= 0) {
        f = mk(k, CERTFIT_RULE_CA_SLOT_BUNDLE, k->anchor, k->anchor_line);
        /* one chain: keep its anchor (also out of name order, which
         * chain-order reports: certificates are one chain while at most one
         * of them is a root); not one chain (of roots only, or not); the one
         * a server's chain needs */
        bool one_chain = !k->broken || k->roots < 2;
        f->detail = k->n == 1         ? CERTFIT_DETAIL_CA_SLOT_BUNDLE_NOT_CA
                    : k->o->keep != 0 ? CERTFIT_DETAIL_CA_SLOT_BUNDLE_KEEP
                    : one_chain       ? CERTFIT_DETAIL_CA_SLOT_BUNDLE_SEVERAL
                    : k->other        ? CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED
                                      : CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED_ROOTS;
        f->value = s->credential_bytes;
        bool unrelated = f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED ||
                         f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED_ROOTS;
        if (unrelated) { /* no one anchor: the smallest certificate alone */
            f->cert = CERTFIT_NO_CERT;
            f->line = 0;
        }
        f->limit = certfit_size_pem(unrelated ? k->min_der : k->anchor_der);
        f->extra = s->certs;
#if CERTFIT_CONFIG_FINDING_TEXT
        memcpy(f->text, k->anchor_name, sizeof(f->text));
#endif
        emit(k);
    }
    if (ca_slot && k->last_parsed && !k->last_ca && !k->last_bc_reported) {
        f = mk(k, CERTFIT_RULE_CA_BASIC_CONSTRAINTS, (int32_t)k->n - 1, k->last_line);
        f->detail = CERTFIT_DETAIL_CA_BASIC_CONSTRAINTS_ANCHOR;
        emit(k);
    }
}

/* Before the pass could start (invalid options, or a buffer that does not
 * hold the check's own state): what would do is the bound, read from the
 * length alone. */
static CERTFIT_NOINLINE int early_error(certfit_result *res, const certfit_item *item, int err)
{
    res->work_needed = certfit_check_work_bound(item);
    return res->error = err;
}

void certfit_check_opts_init(certfit_check_opts *o, const certfit_profile *profile)
{
    memset(o, 0, sizeof(*o));
    o->profile = profile;
    o->role = CERTFIT_ROLE_CA;
    o->sec_tag = CERTFIT_SEC_TAG_MAX;
    o->verify_signatures = true;
}

int certfit_check(const certfit_item *item, const certfit_check_opts *opts, uint8_t *work,
                  size_t work_size, const certfit_sink *sink, certfit_result *res)
{
    if (res == NULL)
        return CERTFIT_ERR_INVALID_ARG;
    memset(res, 0, sizeof(*res)); /* also the sizes (certfit_sizes_init) */
    if (item == NULL || (item->text.p == NULL && item->text.len > 0))
        return res->error = CERTFIT_ERR_INVALID_ARG;

    certfit_item it = *item;
    /* firmware may pass the C string with its NUL: it is not part of the text */
    if (it.format == CERTFIT_FORMAT_PEM && it.text.len > 0 && it.text.p[it.text.len - 1] == 0)
        it.text.len--;

    if (opts == NULL || opts->profile == NULL ||
        (opts->role != CERTFIT_ROLE_CA && opts->role != CERTFIT_ROLE_SERVER) ||
        (work == NULL && work_size > 0))
        return early_error(res, &it, CERTFIT_ERR_INVALID_ARG);
#if !CERTFIT_CONFIG_HOSTNAME
    if (opts->host != NULL) /* no hostname matching in this build (config.h) */
        return early_error(res, &it, CERTFIT_ERR_UNSUPPORTED);
#endif

    /* align to 8 (WORK_ALIGN_SLACK): the sizes reported cover the skew */
    size_t skew = (size_t)(-(uintptr_t)work & 7u);
    size_t avail = work != NULL && work_size >= skew ? (work_size - skew) & ~(size_t)7 : 0;
    work = avail > 0 ? work + skew : NULL;
    ck *k;
#if CERTFIT_CONFIG_STATE_IN_WORK
    /* the state (two certfit_cert, the scratch finding) lives at the front
     * of the work buffer, not on the stack (config.h) */
    if (avail < CERTFIT_CHECK_STATE_SIZE)
        return early_error(res, &it, CERTFIT_ERR_WORK_TOO_SMALL);
    k = (ck *)(void *)work;
    work += CERTFIT_CHECK_STATE_SIZE;
    avail -= CERTFIT_CHECK_STATE_SIZE;
#else
    ck state;
    k = &state;
#endif
    memset(k, 0, sizeof(*k));
    k->item = &it;
    k->o = opts;
    k->pf = opts->profile;
    k->sink = sink;
    k->res = res;
    k->anchor = -1;
    uint64_t skip = opts->skip;
    if (!opts->clock_set && !opts->profile->time_rules_without_clock)
        skip |= certfit_rules_clock_mask();
    if (opts->cred_type == 1) /* a client certificate: self-signed is the CA slot's rule */
        skip |= (uint64_t)1 << CERTFIT_RULE_SELF_SIGNED;
    /* the mask as two words: shifting the 64-bit mask instead costs the
     * device image 20 to 40 bytes more (scripts/footprint.sh) */
    uint32_t half[2] = {(uint32_t)skip, (uint32_t)(skip >> 32)};
    for (unsigned r = 0; r < CERTFIT_RULE_COUNT; r++)
        if (!(half[r >> 5] >> (r & 31u) & 1u) &&
            (certfit_rule_roles((certfit_rule)r) & (unsigned)opts->role))
            k->sev[r >> 2] |= (uint8_t)((unsigned)certfit_profile_severity(k->pf, (certfit_rule)r)
                                        << ((r & 3u) * 2u));

    /* the arena and the smallest duplicate table at its top (see
     * block_space()); without room for the table, no table */
    if (work != NULL) { /* else no arena, no table (k is zeroed) */
        size_t cap = avail >= DUP_MIN * sizeof(uint64_t) ? DUP_MIN : 0;
        k->arena = work;
        k->arena_size = avail - cap * sizeof(uint64_t);
        k->dup_cap = cap;
        memset(DUP(k), 0, cap * sizeof(uint64_t));
    }

    int rc;
    bool der = CERTFIT_CONFIG_DER_INPUT && it.format == CERTFIT_FORMAT_DER;
#if CERTFIT_CONFIG_DER_INPUT
    if (der)
        rc = run_der(k);
    else
#endif
    if (it.format == CERTFIT_FORMAT_PEM)
        rc = run_pem(k);
    else /* a PEM-only build (config.h) takes no DER */
        rc = item_error(k, it.format == CERTFIT_FORMAT_DER ? CERTFIT_ERR_UNSUPPORTED
                                                           : CERTFIT_ERR_UNKNOWN_FORMAT, 0);

    /* what the pass saw: the buffer that checks this item */
    res->work_needed = work_for(k->pair_max, k->blocks);
    uint64_t cred = der ? res->sizes.pem_canonical : it.text.len;
    certfit_sizes_finish(&res->sizes, cred, opts->sec_tag, opts->cred_type);
    if (rc != 0)
        return rc;
    if (k->n == 0 && opts->cred_type != 2) /* a key credential (type 2) holds no certificate */
        return item_error(k, CERTFIT_ERR_NO_CERTIFICATE, 0);
    size_rules(k);
    return 0;
}

/* ---- the handshake rules ---------------------------------------------------- */

const char *certfit_tls_version_name(uint16_t version)
{
    switch (version) {
    case 0x0300:
        return "SSL 3.0";
    case 0x0301:
        return "TLS 1.0";
    case 0x0302:
        return "TLS 1.1";
    case 0x0303:
        return "TLS 1.2";
    case 0x0304:
        return "TLS 1.3";
    default:
        return "an unknown version";
    }
}

const char *certfit_tls_alert_name(uint8_t description)
{
    static const struct {
        uint8_t d;
        const char *name;
    } t[] = {
        {0, "close_notify"},
        {10, "unexpected_message"},
        {20, "bad_record_mac"},
        {22, "record_overflow"},
        {40, "handshake_failure"},
        {42, "bad_certificate"},
        {43, "unsupported_certificate"},
        {44, "certificate_revoked"},
        {45, "certificate_expired"},
        {46, "certificate_unknown"},
        {47, "illegal_parameter"},
        {48, "unknown_ca"},
        {49, "access_denied"},
        {50, "decode_error"},
        {51, "decrypt_error"},
        {70, "protocol_version"},
        {71, "insufficient_security"},
        {80, "internal_error"},
        {86, "inappropriate_fallback"},
        {90, "user_canceled"},
        {100, "no_renegotiation"},
        {109, "missing_extension"},
        {110, "unsupported_extension"},
        {112, "unrecognized_name"},
        {115, "unknown_psk_identity"},
        {116, "certificate_required"},
        {120, "no_application_protocol"},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (t[i].d == description)
            return t[i].name;
    return "unknown alert";
}

int certfit_check_handshake(const certfit_handshake *hs, const certfit_check_opts *opts,
                            const certfit_sink *sink, certfit_result *res)
{
    if (res == NULL)
        return CERTFIT_ERR_INVALID_ARG;
    memset(res, 0, sizeof(*res));
    if (hs == NULL || opts == NULL || opts->profile == NULL)
        return res->error = CERTFIT_ERR_INVALID_ARG;
    if (!CERTFIT_CONFIG_HOST_RULES) /* a device build: the probe's rules are not built */
        return res->error = CERTFIT_ERR_UNSUPPORTED;
    certfit_rule rule;
    uint32_t detail;
    uint64_t value;
    if (hs->server_hello && hs->version != 0x0303) {
        rule = CERTFIT_RULE_TLS_VERSION;
        detail = CERTFIT_DETAIL_TLS_VERSION_VERSION;
        value = hs->version;
    } else if (hs->alert && hs->alert_description == 70) { /* protocol_version */
        rule = CERTFIT_RULE_TLS_VERSION;
        detail = CERTFIT_DETAIL_TLS_VERSION_ALERT;
        value = hs->alert_description;
    } else if (hs->alert && (hs->alert_description == 40 || hs->alert_description == 71)) {
        /* handshake_failure, insufficient_security: no suite in common */
        rule = CERTFIT_RULE_CIPHER_SUITE;
        detail = CERTFIT_DETAIL_CIPHER_SUITE_ALERT;
        value = hs->alert_description;
    } else {
        return 0; /* nothing the handshake rules decide */
    }
    ck state;
    ck *k = &state;
    memset(k, 0, sizeof(*k));
    k->o = opts;
    k->pf = opts->profile;
    k->sink = sink;
    k->res = res;
    if (!(opts->skip >> rule & 1u) && (certfit_rule_roles(rule) & (unsigned)opts->role))
        k->sev[(unsigned)rule >> 2] = (uint8_t)((unsigned)certfit_profile_severity(k->pf, rule)
                                                << (((unsigned)rule & 3u) * 2u));
    certfit_finding *f = mkn(k, rule, 0);
    f->detail = detail;
    f->value = value;
    f->limit = rule == CERTFIT_RULE_TLS_VERSION ? 0x0303u : 0u;
    f->extra = hs->suites_offered;
    emit(k);
    return 0;
}
