/* Shared declarations of the certfit command-line tool. No certificate
 * logic lives in cli/: it reads files, calls libcertfit, and formats. */
#ifndef CERTFIT_CLI_H
#define CERTFIT_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "certfit/certfit.h"

#define EXIT_PASS 0
#define EXIT_FINDINGS 1
#define EXIT_USAGE 2
#define DEFAULT_MAX_SIZE (16u * 1024u * 1024u)

typedef enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF } out_format;

typedef struct trust_ctx trust_ctx; /* trust.c: --ca, --trust-store, --server-chain */

typedef struct cli_opts {
    certfit_profile profile;
    certfit_role role;
    const char *host;
    int64_t now;
    uint32_t sec_tag;
    out_format format;
    certfit_severity fail_on; /* CERTFIT_SEV_OFF: never */
    bool fail_on_given;       /* --fail-on was on the command line (size gates then) */
    uint64_t skip;
    bool quiet;
    bool color;
    bool signatures;
    const char *output;
    size_t max_size;
    const char *extensions; /* comma-separated, for directory walks */
    const char **ca;        /* --ca FILE, in order (n_ca) */
    int n_ca;
    const char *trust_store;  /* --trust-store PATH, or NULL: the system's */
    const char *server_chain; /* --server-chain FILE (role ca) */
    const char **types;       /* --type NAME=ca|client|key, in order (n_types) */
    int n_types;
    trust_ctx *trust;         /* loaded by trust_setup(), or NULL */
} cli_opts;

/* The trust path of one item (docs/design.md section 11), for the reporters. */
typedef struct trust_report {
    bool valid;
    bool ca_side;        /* --server-chain: the anchors are the item's certificates */
    bool item_path_file; /* the anchors' file is the item's path */
    const certfit_trust_anchor *anchors;
    size_t n_anchors;
    const char *const *files; /* by anchors[i].file; NULL: the item's path */
    uint32_t path_len;        /* served certificates 0 .. path_len - 1 */
    int32_t anchor;           /* index into anchors, or -1 */
    bool trusted;
    const char *store_path;   /* the trust store read, or NULL */
    const char *server_chain; /* ca_side: the served chain's file */
} trust_report;

typedef struct item_info {
    const char *path;
    const char *name;       /* C identifier, or NULL */
    certfit_format format;  /* UNKNOWN when the file could not be read */
    uint32_t line;          /* first line of the item */
    const char *note;       /* how the verdict was reached, when it needs saying, or NULL */
    const trust_report *trust; /* with --ca / --server-chain, or NULL */
    const char *type;       /* a C literal's credential type: "ca", "client", "key"; or NULL */
} item_info;

typedef struct findings {
    certfit_finding *v;
    size_t n, cap;
} findings;

/* Finding i of an item (i < n), or NULL if it could not be read back: an
 * item of `check` with very many findings keeps only the first ones in v
 * and the rest in a temporary file (run.c), so reporters read through this. */
const certfit_finding *findings_at(const findings *fs, size_t i);

typedef struct summary {
    unsigned long items, passed, failed, input_errors;
    unsigned long counts[4];
} summary;

typedef struct reporter reporter;
struct jw;
struct reporter {
    void (*begin)(reporter *r);
    void (*item_begin)(reporter *r, const item_info *it);
    void (*cert)(reporter *r, const certfit_cert_event *ev);
    void (*item_end)(reporter *r, const item_info *it, const certfit_result *res,
                     const findings *fs, const char *error, bool failed);
    void (*end)(reporter *r, const summary *s);
    FILE *out;
    const cli_opts *o;
    void *state;
    /* The JSON reporter calls this, when set, after "summary" and before the
     * top-level object closes, to add members of its own (probe adds
     * "probe"); w is the report's writer (json.h), ctx is members_ctx. */
    void (*members)(void *ctx, struct jw *w);
    void *members_ctx;
};

/* main.c: a policy file on the built-in profile named profile (its base
 * unless it names one); 0, or -1 after a message on stderr */
int read_policy(const char *path, const char *profile, certfit_profile *out);
/* main.c: the options of check and size (also parsed by probe); 0 or -1 */
int parse_check_opts(const char *cmd, int argc, char **argv, cli_opts *o, int *first);

/* trust.c: -1 after a message on stderr (usage or an unreadable file) */
int trust_setup(cli_opts *o, const char *cmd, bool server_role);
void trust_free(cli_opts *o);
/* before certfit_check(): role ca with --server-chain sets co->keep */
void trust_item_before(const cli_opts *o, const certfit_item *item, certfit_check_opts *co);
/* after it: the trust findings go to sink and into res; NULL when no trust
 * path was asked for (or the item could not be evaluated) */
const trust_report *trust_item_after(const cli_opts *o, const certfit_item *item,
                                     const certfit_sink *sink, certfit_result *res);
/* the anchor's file name */
const char *trust_anchor_file(const trust_report *rep, const item_info *it, size_t a);
/* certfit_finding_message() / _fix() with the file names a trust finding needs */
size_t trust_finding_message(const item_info *it, const certfit_finding *f, char *out, size_t size);
size_t trust_finding_fix(const item_info *it, const certfit_finding *f, char *out, size_t size);
/* --type NAME=...: the type named for a literal, or NULL */
const char *type_forced(const cli_opts *o, const char *name);

/* run.c */
int run_paths(const cli_opts *o, char **paths, int n, reporter *r, summary *s);
bool item_fails(const cli_opts *o, const certfit_result *res);
/* The check options the command line gives (profile, now, host, sec-tag,
 * signatures, skip) for an item of role. */
void cli_check_opts(const cli_opts *o, certfit_role role, certfit_check_opts *co);
/* Check one item; every subcommand (check, size, header, probe, mint)
 * checks through this. With o (NULL: the check alone, as header does): the
 * %CMNG type of a C literal (type "ca", "client" or "key", or NULL), the
 * trust path of --ca / --server-chain (*trust: its report, or NULL) and
 * rule mbedtls-parse's parser. *work holds *work_size bytes (NULL and 0 at
 * first; free() it after) and grows to what the item needs. Returns
 * certfit_check()'s result, or CERTFIT_ERR_NO_MEMORY (res->error too) when
 * the buffer cannot grow. */
int cli_check_item(const cli_opts *o, const char *type, const certfit_item *item,
                   certfit_check_opts *co, const certfit_sink *sink, uint8_t **work,
                   size_t *work_size, certfit_result *res, const trust_report **trust);

/* reporters */
void reporter_text(reporter *r);
void reporter_json(reporter *r);
void reporter_sarif(reporter *r);
void reporter_sizes(reporter *r);

/* util.c */
const char *role_name(certfit_role r);
/* the name as RFC 4514 text in out; returns its length */
size_t cert_subject(const certfit_cert *c, char *out, size_t size);
size_t cert_issuer(const certfit_cert *c, char *out, size_t size);
void serial_hex(const certfit_cert *c, char *out, size_t size);
void sha256_hex(certfit_view der, char out[65]);
const char *level_name(certfit_severity s); /* SARIF level */
/*
 * Outputs (-o, header -o, probe --save, mint --key-out/--cert-out): never an
 * input, written whole or not at all. A regular file (or a new one) is
 * written to a temporary file in its directory and renamed onto it by
 * out_close(), symbolic links resolved; standard output ("-" or NULL),
 * devices and FIFOs are written in place. An output that is an input (same
 * device and inode) or another open output is refused with one line on
 * stderr naming both.
 */
#define OUT_KEY 1u /* mode 0600, a regular file only */
#define OUT_NEW 2u /* never replace an existing file */
typedef struct out_file {
    FILE *f; /* where to write */
    const char *who, *opt, *path;
    unsigned flags;
    char *target, *tmp; /* NULL when written in place */
    bool exists;        /* the target existed: dev, ino */
    dev_t dev, tdev;
    ino_t ino, tino;
} out_file;
/* false after a message "WHO: OPT PATH: reason" on stderr */
bool out_open(out_file *of, const char *who, const char *opt, const char *path, unsigned flags);
/* Flush, close and rename onto the target; false after a message on stderr
 * (the temporary file removed, the old target as it was). */
bool out_close(out_file *of);
/* Close and remove what was written (nothing reaches the target). */
void out_discard(out_file *of);
/* Every input file, once open: 0 to read it, 1 to skip it (an output's own
 * temporary file), -1 when it is an open output (message printed; the run
 * stops and out_close() writes nothing). path "-" is standard input. */
int input_check(const char *path, int fd);

/* The name among name_at(0..n) nearest to word[0..len) by edit distance,
 * or NULL when none is within a typo's reach ("did you mean ...?"). */
const char *did_you_mean(const char *word, size_t len, const char *(*name_at)(size_t i), size_t n);
/* s for a terminal: control characters, C1 controls and bytes that are not
 * UTF-8 as \n, \t, \r or \xHH, a backslash doubled; cut to fit size.
 * Returns out. */
const char *text_escape(const char *s, char *out, size_t size);
/* The length of s[0..len) cut to at most max bytes on a UTF-8 boundary. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* main.c: getopt_long for every command. Options may follow operands (GNU
 * style) whatever POSIXLY_CORRECT says, "--" ends the options, a lone "-"
 * is an operand. opts starts with "-:" (operands in order, ':' for a
 * missing argument). At the end (-1) the operands are argv[optind..argc). */
int cli_getopt(int argc, char **argv, const char *opts, const struct option *longopts);
/* The usage line for getopt's ':' (missing argument) or '?' (unknown
 * option) as cli_getopt() returned c; returns -1. */
int option_error(const char *cmd, int c, char **argv, const struct option *longopts);
/* "unknown rule 'X'; did you mean 'Y'? (see 'certfit rules')" on stderr */
void unknown_rule(const char *cmd, const char *what, const char *id, size_t len);
/* "unknown profile 'X'; did you mean 'Y'? (see 'certfit profiles')" */
void unknown_profile(const char *cmd, const char *name);

/* cmd_header.c: one credential checked in memory (header and mint) */
#define LINT_MAX_CERTS 16
typedef struct lint_cert {
    bool parsed;
    bool self_signed;
    char subject[256];
    char key[40];
    char sig[40];
    char nb[21], na[21];
    size_t der;
} lint_cert;

typedef struct lint_result {
    int rc;
    certfit_result res;
    lint_cert certs[LINT_MAX_CERTS];
    uint32_t ncerts;
    findings fs;
} lint_result;

int lint_text(const certfit_profile *p, certfit_role role, int64_t now, const uint8_t *text,
              size_t len, lint_result *out);
void lint_free(lint_result *l);

/* commands */
int cmd_check(int argc, char **argv);
int cmd_size(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_profiles(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_mint(int argc, char **argv);
int cmd_header(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
void usage_error(const char *cmd, const char *fmt, const char *arg);

#endif
