/* Reading inputs (files, directories, stdin), splitting them into items,
 * and running libcertfit's check on each. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE (Linux), where there is one */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct run {
    const cli_opts *o;
    reporter *r;
    summary *s;
    uint8_t *work;
    size_t work_size;
    findings fs;
    /* directories on the current walk path, for symlink loops */
    struct {
        dev_t dev;
        ino_t ino;
    } stack[64];
    int depth;
    bool unverified; /* a certificate of the item had no signature check */
    char *exts;      /* --extensions without dots: "pem,crt" */
    bool stop;       /* an input is an output: nothing more is read */
} run;

bool item_fails(const cli_opts *o, const certfit_result *res)
{
    if (res->error != 0)
        return true;
    if (o->fail_on == CERTFIT_SEV_OFF)
        return false;
    for (int s = (int)o->fail_on; s <= CERTFIT_SEV_ERROR; s++)
        if (res->counts[s] > 0)
            return true;
    return false;
}

static void on_cert(void *ctx, const certfit_cert_event *ev)
{
    run *R = ctx;
    if (ev->cert != NULL && ev->self_signed == CERTFIT_SELFSIG_UNKNOWN)
        R->unverified = true;
    if (R->r->cert != NULL)
        R->r->cert(R->r, ev);
}

/*
 * An item with very many findings (a bundle of 100,000 roots has about
 * 230,000, 128 bytes each) keeps the first FINDINGS_IN_MEMORY in memory and
 * writes the rest to a temporary file, so memory stays bounded whatever the
 * input (issue 7: peak RSS at most the input's size + 16 MiB). The JSON
 * puts an item's findings after its certificates, so they wait until the
 * item ends; findings_at() reads them back a window at a time.
 */
#define FINDINGS_IN_MEMORY 16384u
#define SPILL_WINDOW       1024u
static struct {
    const findings *owner;
    FILE *f;
    size_t win_start, win_n;
    certfit_finding win[SPILL_WINDOW];
} g_spill;

static void findings_reset(findings *fs)
{
    fs->n = 0;
    if (g_spill.f != NULL)
        fclose(g_spill.f);
    g_spill.f = NULL;
    g_spill.owner = NULL;
    g_spill.win_n = 0;
}

static void spill(findings *fs, const certfit_finding *f)
{
    if (g_spill.f == NULL) {
        g_spill.f = tmpfile();
        if (g_spill.f == NULL)
            return; /* dropped: the counts in the result still hold */
    }
    g_spill.owner = fs;
    g_spill.win_n = 0;
    if (fwrite(f, sizeof(*f), 1, g_spill.f) == 1)
        fs->n++;
}

const certfit_finding *findings_at(const findings *fs, size_t i)
{
    if (i >= fs->n)
        return NULL;
    if (i < FINDINGS_IN_MEMORY || g_spill.owner != fs || g_spill.f == NULL)
        return &fs->v[i];
    size_t j = i - FINDINGS_IN_MEMORY;
    if (j < g_spill.win_start || j >= g_spill.win_start + g_spill.win_n) {
        size_t start = j - j % SPILL_WINDOW;
        g_spill.win_n = 0;
        if (fflush(g_spill.f) != 0 ||
            fseeko(g_spill.f, (off_t)(start * sizeof(certfit_finding)), SEEK_SET) != 0)
            return NULL;
        g_spill.win_n = fread(g_spill.win, sizeof(certfit_finding), SPILL_WINDOW, g_spill.f);
        g_spill.win_start = start;
        if (j >= start + g_spill.win_n)
            return NULL;
    }
    return &g_spill.win[j - g_spill.win_start];
}

static void on_finding(void *ctx, const certfit_finding *f)
{
    run *R = ctx;
    findings *fs = &R->fs;
    if (fs->n >= FINDINGS_IN_MEMORY) {
        spill(fs, f);
        return;
    }
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 16;
        certfit_finding *v = realloc(fs->v, cap * sizeof(*v));
        if (v == NULL)
            return; /* out of memory: the counts in the result still hold */
        fs->v = v;
        fs->cap = cap;
    }
    fs->v[fs->n++] = *f;
}

static void item_failed(run *R, const item_info *it, const char *msg, int err)
{
    certfit_result res;
    memset(&res, 0, sizeof(res));
    res.error = err;
    R->s->items++;
    R->s->failed++;
    R->s->input_errors++;
    findings_reset(&R->fs);
    if (R->r->item_begin)
        R->r->item_begin(R->r, it);
    R->r->item_end(R->r, it, &res, &R->fs, msg, true);
}

static void input_error(run *R, const item_info *it, const char *msg)
{
    item_failed(R, it, msg, CERTFIT_ERR_INVALID_ARG);
}

void cli_check_opts(const cli_opts *o, certfit_role role, certfit_check_opts *co)
{
    certfit_check_opts_init(co, &o->profile);
    co->role = role;
    co->now = o->now;
    co->clock_set = true;
    co->host = o->host;
    co->sec_tag = o->sec_tag;
    co->verify_signatures = o->signatures;
    co->skip = o->skip;
}

int cli_check_item(const cli_opts *o, const char *type, const certfit_item *item,
                   certfit_check_opts *co, const certfit_sink *sink, uint8_t **work,
                   size_t *work_size, certfit_result *res, const trust_report **trust)
{
    if (trust != NULL)
        *trust = NULL;
    if (o != NULL) {
        if (type != NULL) /* a C literal: the %CMNG type it is written as */
            co->cred_type = type[0] == 'k' ? 2 : type[1] == 'l' ? 1 : 0;
        trust_item_before(o, item, co);
#if CERTFIT_WITH_SIGNATURES
        co->x509_parse = certfit_mbedtls_parse; /* rule mbedtls-parse */
#endif
    }
    /* a bound from the item's length (nothing is read): the check itself
     * is the one pass over the text */
    size_t need = certfit_check_work_bound(item);
    if (need > *work_size) {
        uint8_t *w = realloc(*work, need);
        if (w == NULL) {
            memset(res, 0, sizeof(*res));
            return res->error = CERTFIT_ERR_NO_MEMORY;
        }
        *work = w;
        *work_size = need;
    }
    int rc = certfit_check(item, co, *work, *work_size, sink, res);
    if (rc == 0 && o != NULL) { /* --ca: would a device holding those anchors accept it? */
        const trust_report *t = trust_item_after(o, item, sink, res);
        if (trust != NULL)
            *trust = t;
    }
    return rc;
}

static void check_item(run *R, const item_info *it, const certfit_item *item)
{
    certfit_check_opts co;
    cli_check_opts(R->o, R->o->role, &co);
    findings_reset(&R->fs);
    if (R->r->item_begin)
        R->r->item_begin(R->r, it);
    certfit_sink sink = {on_cert, on_finding, R};
    certfit_result res;
    R->unverified = false;
    const trust_report *trust;
    int rc =
        cli_check_item(R->o, it->type, item, &co, &sink, &R->work, &R->work_size, &res, &trust);
    char msg[256];
    const char *err = NULL;
    if (rc == CERTFIT_ERR_NO_MEMORY) {
        err = "out of memory for the work buffer";
    } else if (rc != 0) {
        if (res.error_line > 0)
            snprintf(msg, sizeof(msg), "%s at offset %zu (line %u)", certfit_strerror(rc),
                     res.error_offset, res.error_line);
        else
            snprintf(msg, sizeof(msg), "%s at offset %zu", certfit_strerror(rc), res.error_offset);
        err = msg;
    }
    bool failed = item_fails(R->o, &res);
    R->s->items++;
    if (rc != 0)
        R->s->input_errors++;
    if (failed)
        R->s->failed++;
    else
        R->s->passed++;
    for (int i = 1; i < 4; i++)
        R->s->counts[i] += res.counts[i];
    /* the self-signed rule then compared names only: a certificate with its
     * issuer's name but signed by another key passes it */
    item_info noted = *it;
    noted.trust = trust;
    if (R->unverified && R->o->profile.require_self_signed &&
        !(R->o->skip & ((uint64_t)1 << CERTFIT_RULE_SELF_SIGNED)))
        noted.note = R->o->signatures ? "self-signed was decided by names alone: a signature "
                                        "could not be verified (an algorithm this build does "
                                        "not verify)"
                                      : "self-signed was decided by names alone: signatures "
                                        "were not verified (--no-signatures)";
    R->r->item_end(R->r, &noted, &res, &R->fs, err, failed);
}

/* --extensions as given, ".pem,crt" or "pem,.crt": the names without dots,
 * empty elements dropped. */
static char *norm_exts(const char *list)
{
    char *out = malloc(strlen(list) + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        const char *e = p;
        while (n > 0 && *e == '.')
            e++, n--;
        if (n > 0) {
            if (o > 0)
                out[o++] = ',';
            memcpy(out + o, e, n);
            o += n;
        }
        p = e + n;
        if (*p == ',')
            p++;
    }
    out[o] = '\0';
    return out;
}

static bool has_ext(const char *exts, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return false;
    dot++;
    size_t n = strlen(dot);
    const char *p = exts;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len == n && strncasecmp(p, dot, n) == 0)
            return true;
        p += len + (c ? 1 : 0);
    }
    return false;
}

/* Read a whole stream, refusing more than max bytes. A regular file is read
 * into a buffer of its size at once (no doubling and copying: a 150 MB
 * bundle was copied about a dozen times), a pipe in growing chunks. */
static int slurp(FILE *f, size_t max, uint8_t **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uintmax_t)st.st_size < (uintmax_t)max)
        cap = (size_t)st.st_size + 1; /* + 1: EOF is seen without growing */
    uint8_t *buf = NULL;
#ifdef MADV_HUGEPAGE
    /* a large file: 2 MiB pages where the kernel offers them, so reading a
     * 15 MB bundle takes a few hundred page faults instead of 3,700 */
    void *m = NULL;
    if (cap >= ((size_t)4 << 20) && posix_memalign(&m, (size_t)2 << 20, cap) == 0) {
        buf = m;
        (void)madvise(buf, cap, MADV_HUGEPAGE);
    }
#endif
    if (buf == NULL)
        buf = malloc(cap);
    if (buf == NULL)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                free(buf);
                return EFBIG;
            }
            uint8_t *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
                return ENOMEM;
            }
            buf = b;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n > max) {
            free(buf);
            return EFBIG;
        }
    }
    if (ferror(f)) {
        free(buf);
        return EIO;
    }
    *out = buf;
    *len = n;
    return 0;
}

static void process_c(run *R, const char *path, const uint8_t *buf, size_t len, bool explicit_)
{
    certfit_c_iter it;
    certfit_c_literal lit;
    certfit_c_iter_init(&it, buf, len);
    int rc, found = 0;
    while ((rc = certfit_c_next(&it, &lit)) == 1) {
        if (!lit.has_begin)
            continue;
        found++;
        char name[128];
        size_t nl = lit.name.len < sizeof(name) - 1 ? lit.name.len : sizeof(name) - 1;
        memcpy(name, lit.name.p, nl);
        name[nl] = '\0';
        item_info info = {path, name, CERTFIT_FORMAT_C, lit.line, NULL, NULL, NULL};
        uint8_t *text = malloc(lit.source.len + 1);
        size_t tlen, bad;
        if (text == NULL) {
            item_failed(R, &info, "out of memory", CERTFIT_ERR_NO_MEMORY);
            continue;
        }
        int urc = certfit_c_unescape(&lit, text, lit.source.len + 1, &tlen, &bad);
        if (urc != 0) {
            char msg[160];
            snprintf(msg, sizeof(msg), "%s at offset %zu", certfit_strerror(urc), bad);
            input_error(R, &info, msg);
            free(text);
            continue;
        }
        certfit_item item = {CERTFIT_FORMAT_PEM, {text, tlen}, lit.line, false};
        static const char *const k_types[] = {"ca", "client", "key"};
        info.type = type_forced(R->o, name);
        if (info.type == NULL)
            info.type = k_types[certfit_c_literal_type(&lit, text, tlen)];
        check_item(R, &info, &item);
        free(text);
    }
    if (rc < 0) {
        char msg[160];
        snprintf(msg, sizeof(msg), "%s at offset %zu (line %u)", certfit_strerror(rc),
                 it.error_offset, it.error_line);
        item_info info = {path, NULL, CERTFIT_FORMAT_C, it.error_line, NULL, NULL, NULL};
        input_error(R, &info, msg);
    } else if (found == 0 && explicit_) {
        item_info info = {path, NULL, CERTFIT_FORMAT_C, 0, NULL, NULL, NULL};
        input_error(R, &info, "no certificate found: no string literal holds a PEM block");
    }
}

/* A file that is not certificates (container.h): what it is and the
 * command that yields PEM certificates, as the item's error (exit 2). */
static void container_error(run *R, const item_info *info, certfit_container ct, bool der)
{
    const char *cmd = certfit_container_command(ct, der);
    char with[768], msg[1024];
    size_t o = 0;
    for (const char *c = cmd; *c != '\0' && o + 1 < sizeof(with);) {
        if (strncmp(c, "FILE", 4) == 0) {
            int n = snprintf(with + o, sizeof(with) - o, "%s", info->path);
            o += n > 0 ? (size_t)n : 0;
            o = o < sizeof(with) ? o : sizeof(with) - 1;
            c += 4;
        } else {
            with[o++] = *c++;
        }
    }
    with[o] = '\0';
    bool none = strncmp(cmd, "it holds no", 11) == 0;
    snprintf(msg, sizeof(msg), "%s, not a certificate file: %s%s", certfit_container_name(ct),
             none ? "" : "extract the certificates with ", with);
    input_error(R, info, msg);
}

static void process_file(run *R, const char *path, FILE *f, bool explicit_)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    item_info info = {path, NULL, CERTFIT_FORMAT_UNKNOWN, 0, NULL, NULL, NULL};
    int e = slurp(f, R->o->max_size, &buf, &len);
    if (e != 0) {
        char msg[160];
        if (e == EFBIG)
            snprintf(msg, sizeof(msg), "file is larger than the %zu-byte cap (--max-size)",
                     R->o->max_size);
        else
            snprintf(msg, sizeof(msg), "cannot read: %s", strerror(e));
        input_error(R, &info, msg);
        return;
    }
    certfit_format fmt = certfit_input_detect(buf, len);
    info.format = fmt;
    info.line = 1;
    certfit_container ct = certfit_container_detect(buf, len);
    if (ct != CERTFIT_CONTAINER_NONE) {
        container_error(R, &info, ct, len > 0 && buf[0] == 0x30);
    } else if (fmt == CERTFIT_FORMAT_C) {
        process_c(R, path, buf, len, explicit_);
    } else if (fmt == CERTFIT_FORMAT_PEM || fmt == CERTFIT_FORMAT_DER) {
        certfit_item item = {fmt, {buf, len}, 1, fmt == CERTFIT_FORMAT_PEM};
        check_item(R, &info, &item);
    } else if (explicit_ || !has_ext("h", path)) {
        input_error(R, &info,
                    len == 0 ? "empty file: no certificate found"
                             : "no certificate found (not PEM, DER, or a C string literal "
                               "holding PEM)");
    }
    free(buf);
}

static void process_path(run *R, const char *path, bool explicit_);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(run *R, const char *dir, const struct stat *st)
{
    item_info info = {dir, NULL, CERTFIT_FORMAT_UNKNOWN, 0, NULL, NULL, NULL};
    for (int i = 0; i < R->depth; i++) {
        if (R->stack[i].dev == st->st_dev && R->stack[i].ino == st->st_ino) {
            input_error(R, &info, "directory loop (a symbolic link points back up): skipped");
            return;
        }
    }
    if (R->depth == (int)(sizeof(R->stack) / sizeof(R->stack[0]))) {
        input_error(R, &info, "directories nested too deep: skipped");
        return;
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        char msg[160];
        snprintf(msg, sizeof(msg), "cannot read directory: %s", strerror(errno));
        input_error(R, &info, msg);
        return;
    }
    R->stack[R->depth].dev = st->st_dev;
    R->stack[R->depth].ino = st->st_ino;
    R->depth++;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (nn == NULL)
                break;
            names = nn;
        }
        size_t dl = strlen(dir), el = strlen(de->d_name);
        char *full = malloc(dl + el + 2);
        if (full == NULL)
            break;
        memcpy(full, dir, dl);
        size_t o = dl;
        if (dl > 0 && dir[dl - 1] != '/')
            full[o++] = '/';
        memcpy(full + o, de->d_name, el + 1);
        names[n++] = full;
    }
    closedir(d);
    if (n > 0) /* names is NULL for an empty directory */
        qsort(names, n, sizeof(*names), cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!R->stop)
            process_path(R, names[i], false);
        free(names[i]);
    }
    free(names);
    R->depth--;
}

static void process_path(run *R, const char *path, bool explicit_)
{
    item_info info = {path, NULL, CERTFIT_FORMAT_UNKNOWN, 0, NULL, NULL, NULL};
    if (strcmp(path, "-") == 0) {
        if (input_check("-", fileno(stdin)) < 0) {
            R->stop = true;
            return;
        }
        process_file(R, "-", stdin, true);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        char msg[160];
        struct stat lst;
        if (errno == ELOOP || (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)))
            snprintf(msg, sizeof(msg), "cannot follow symbolic link: %s", strerror(errno));
        else
            snprintf(msg, sizeof(msg), "cannot read: %s", strerror(errno));
        if (explicit_ || has_ext(R->exts, path))
            input_error(R, &info, msg);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        unsigned long before = R->s->items;
        walk(R, path, &st);
        if (explicit_ && !R->stop && R->s->items == before) {
            /* a gate must not pass on nothing: an empty directory, or
             * --extensions that match no file */
            char msg[300];
            snprintf(msg, sizeof(msg), "no certificate files under %s (extensions: %s)", path,
                     R->exts);
            fprintf(stderr, "certfit: %s\n", msg);
            input_error(R, &info, msg);
        }
        return;
    }
    if (!explicit_ && (!S_ISREG(st.st_mode) || !has_ext(R->exts, path)))
        return;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        char msg[160];
        snprintf(msg, sizeof(msg), "cannot read: %s", strerror(errno));
        input_error(R, &info, msg);
        return;
    }
    int io = input_check(path, fileno(f));
    if (io < 0)
        R->stop = true;
    else if (io == 0)
        process_file(R, path, f, explicit_);
    fclose(f);
}

int run_paths(const cli_opts *o, char **paths, int n, reporter *r, summary *s)
{
    run R;
    memset(&R, 0, sizeof(R));
    R.o = o;
    R.r = r;
    R.s = s;
    memset(s, 0, sizeof(*s));
    R.exts = norm_exts(o->extensions);
    if (R.exts == NULL)
        return EXIT_USAGE;
    r->begin(r);
    for (int i = 0; i < n && !R.stop; i++)
        process_path(&R, paths[i], true);
    r->end(r, s);
    free(R.exts);
    free(R.work);
    findings_reset(&R.fs);
    free(R.fs.v);
    if (s->input_errors > 0 || R.stop)
        return EXIT_USAGE;
    return s->failed > 0 ? EXIT_FINDINGS : EXIT_PASS;
}
