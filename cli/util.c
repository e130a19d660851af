#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mbedtls/md.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_simd.h"

const char *role_name(certfit_role r)
{
    return r == CERTFIT_ROLE_SERVER ? "server" : "ca";
}

/* The name's text and its length; on an error the valid prefix written
 * so far is kept (certfit_name_format() leaves it NUL-terminated). */
static size_t name_text(certfit_view name, char *out, size_t size)
{
    size_t n = 0;
    int rc = certfit_name_format(name, out, size, &n);
    if (rc == 0 || rc == CERTFIT_ERR_BUFFER_TOO_SMALL)
        return n;
    return size > 0 ? strlen(out) : 0;
}

size_t cert_subject(const certfit_cert *c, char *out, size_t size)
{
    return name_text(c->subject, out, size);
}

size_t cert_issuer(const certfit_cert *c, char *out, size_t size)
{
    return name_text(c->issuer, out, size);
}

/* Lowercase hex of p[0..n) while two digits and the NUL fit in size. */
static void hex(const uint8_t *p, size_t n, char *out, size_t size)
{
    static const char hx[] = "0123456789abcdef";
    size_t o = 0, i = 0;
    for (; i < n && o + 2 < size; i++) {
        out[o++] = hx[p[i] >> 4];
        out[o++] = hx[p[i] & 15];
    }
    out[o] = '\0';
}

void serial_hex(const certfit_cert *c, char *out, size_t size)
{
    certfit_view s = c->serial;
    /* the magnitude: drop the sign octet DER adds before a high bit */
    if (s.len > 1 && s.p[0] == 0)
        s.p++, s.len--;
    hex(s.p, s.len, out, size);
}

void sha256_hex(certfit_view der, char out[65])
{
    unsigned char h[32];
#if CERTFIT_HAVE_SIMD
    if (cli_simd_sha256(der.p, der.len, h)) {
        hex(h, 32, out, 65);
        return;
    }
#endif
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (md == NULL || mbedtls_md(md, der.p, der.len, h) != 0) {
        out[0] = '\0';
        return;
    }
    hex(h, 32, out, 65);
}

const char *level_name(certfit_severity s)
{
    return s == CERTFIT_SEV_ERROR ? "error" : s == CERTFIT_SEV_WARNING ? "warning" : "note";
}

/* ---- outputs: never an input, whole or not at all ------------------------- */

/*
 * The outputs open now and the first inputs read, by device and inode: an
 * output that names an input (also through a symbolic or hard link) is
 * refused before anything is written, and an input met in a walk after the
 * output was opened stops the run. Inputs read before an output is opened
 * (the policy file, header's PATH) are remembered; later ones only need the
 * open outputs.
 */
#define IO_MAX_OUTPUTS 4
#define IO_MAX_INPUTS  8
static struct {
    out_file *outs[IO_MAX_OUTPUTS];
    int nouts;
    struct {
        dev_t dev;
        ino_t ino;
        char *path;
    } ins[IO_MAX_INPUTS];
    int nins;
    bool clash;
} g_io;

static const char *shown_path(const char *path)
{
    return strcmp(path, "-") == 0 ? "standard input" : path;
}

static void out_forget(out_file *of)
{
    for (int i = 0; i < g_io.nouts; i++) {
        if (g_io.outs[i] == of) {
            g_io.outs[i] = g_io.outs[--g_io.nouts];
            break;
        }
    }
    free(of->target);
    free(of->tmp);
    of->target = of->tmp = NULL;
    of->f = NULL;
}

/* The absolute path a file is (or would be) at, symbolic links resolved:
 * realpath() of the file, or of its directory plus the last name. */
static char *canonical(const char *path)
{
    char *r = realpath(path, NULL);
    if (r != NULL)
        return r;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir;
    if (slash == NULL)
        dir = realpath(".", NULL);
    else if (slash == path)
        dir = realpath("/", NULL);
    else {
        char *d = strndup(path, (size_t)(slash - path));
        dir = d ? realpath(d, NULL) : NULL;
        free(d);
    }
    if (dir == NULL)
        return NULL;
    size_t dl = strlen(dir), bl = strlen(base);
    r = malloc(dl + bl + 2);
    if (r != NULL) {
        memcpy(r, dir, dl);
        size_t o = dl;
        if (o == 0 || r[o - 1] != '/')
            r[o++] = '/';
        memcpy(r + o, base, bl + 1);
    }
    free(dir);
    return r;
}

/* Written in place, not renamed onto: standard output, devices, FIFOs. */
static bool out_direct(out_file *of)
{
    of->f = fopen(of->path, "w");
    if (of->f == NULL) {
        fprintf(stderr, "%s: %s %s: %s\n", of->who, of->opt, of->path, strerror(errno));
        return false;
    }
    return true;
}

bool out_open(out_file *of, const char *who, const char *opt, const char *path, unsigned flags)
{
    memset(of, 0, sizeof(*of));
    of->who = who;
    of->opt = opt;
    of->path = path;
    of->flags = flags;
    if (path == NULL || strcmp(path, "-") == 0) {
        if (flags & OUT_KEY) {
            fprintf(stderr, "%s: %s: a key is written to a file only\n", who, opt);
            return false;
        }
        of->f = stdout;
        of->path = "-";
        return true;
    }
    struct stat st;
    bool exists = stat(path, &st) == 0;
    bool special = strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0 ||
                   (exists && !S_ISREG(st.st_mode));
    if (special && !(flags & OUT_KEY)) {
        /* the stream itself: reopening /dev/stdout would truncate the file
         * standard output was redirected to */
        if (strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/stderr") == 0) {
            of->f = strcmp(path, "/dev/stdout") == 0 ? stdout : stderr;
            return true;
        }
        return out_direct(of);
    }
    if (special || (exists && (flags & OUT_NEW))) {
        fprintf(stderr,
                special ? "%s: %s %s: not a regular file\n"
                        : "%s: %s %s exists; not overwritten (--force replaces it)\n",
                who, opt, path);
        return false;
    }
    of->target = canonical(path);
    if (of->target == NULL) {
        fprintf(stderr, "%s: %s %s: %s\n", who, opt, path, strerror(errno));
        return false;
    }
    if (exists) {
        of->exists = true;
        of->dev = st.st_dev;
        of->ino = st.st_ino;
        /* the old file stays the user's to decide on: a read-only file is
         * refused as fopen() would refuse it */
        if (access(of->target, W_OK) != 0) {
            fprintf(stderr, "%s: %s %s: %s\n", who, opt, path, strerror(errno));
            out_forget(of);
            return false;
        }
    }
    for (int i = 0; i < g_io.nins; i++) {
        if (exists && g_io.ins[i].dev == st.st_dev && g_io.ins[i].ino == st.st_ino) {
            fprintf(stderr, "%s: %s %s is an input (%s); nothing written\n", who, opt, path,
                    shown_path(g_io.ins[i].path));
            g_io.clash = true;
            out_forget(of);
            return false;
        }
    }
    for (int i = 0; i < g_io.nouts; i++) {
        const out_file *o = g_io.outs[i];
        if (o->target == NULL)
            continue;
        if ((exists && o->exists && o->dev == st.st_dev && o->ino == st.st_ino) ||
            strcmp(o->target, of->target) == 0) {
            fprintf(stderr, "%s: %s %s is also %s %s; nothing written\n", who, opt, path, o->opt,
                    o->path);
            out_forget(of);
            return false;
        }
    }
    if (g_io.nouts == IO_MAX_OUTPUTS) {
        out_forget(of);
        return false;
    }
    /* the temporary file next to the target, so that rename() replaces it */
    const char *base = strrchr(of->target, '/') + 1;
    size_t dl = (size_t)(base - of->target), bl = strlen(base);
    of->tmp = malloc(dl + bl + 9);
    if (of->tmp == NULL) {
        out_forget(of);
        return false;
    }
    memcpy(of->tmp, of->target, dl);
    of->tmp[dl] = '.';
    memcpy(of->tmp + dl + 1, base, bl);
    memcpy(of->tmp + dl + 1 + bl, ".XXXXXX", 8);
    int fd = mkstemp(of->tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: %s %s: cannot create a temporary file in %.*s: %s\n", who, opt, path,
                (int)(dl > 1 ? dl - 1 : dl), of->target, strerror(errno));
        out_forget(of);
        return false;
    }
    mode_t um = umask(0);
    umask(um);
    mode_t mode = (flags & OUT_KEY) ? 0600 : exists ? (st.st_mode & 07777) : (0666 & ~um);
    struct stat tst;
    if (fchmod(fd, mode) != 0 || fstat(fd, &tst) != 0 || (of->f = fdopen(fd, "w")) == NULL) {
        fprintf(stderr, "%s: %s %s: %s\n", who, opt, path, strerror(errno));
        close(fd);
        unlink(of->tmp);
        out_forget(of);
        return false;
    }
    if (exists && !(flags & OUT_KEY) && (tst.st_uid != st.st_uid || tst.st_gid != st.st_gid)) {
        /* the old file's owner where we may (root replacing a user's file) */
        int r = fchown(fd, st.st_uid, st.st_gid);
        (void)r;
    }
    of->tdev = tst.st_dev;
    of->tino = tst.st_ino;
    g_io.outs[g_io.nouts++] = of;
    return true;
}

int input_check(const char *path, int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    for (int i = 0; i < g_io.nouts; i++) {
        const out_file *o = g_io.outs[i];
        if (o->tmp != NULL && o->tdev == st.st_dev && o->tino == st.st_ino)
            return 1; /* our own temporary file, met in a walk */
        if (o->exists && o->dev == st.st_dev && o->ino == st.st_ino) {
            fprintf(stderr, "%s: %s %s is an input (%s); nothing written\n", o->who, o->opt,
                    o->path, shown_path(path));
            g_io.clash = true;
            return -1;
        }
    }
    if (g_io.nins < IO_MAX_INPUTS) {
        char *copy = strdup(path);
        if (copy != NULL) {
            g_io.ins[g_io.nins].dev = st.st_dev;
            g_io.ins[g_io.nins].ino = st.st_ino;
            g_io.ins[g_io.nins++].path = copy;
        }
    }
    return 0;
}

void out_discard(out_file *of)
{
    if (of->f == NULL)
        return;
    if (of->f == stdout || of->f == stderr)
        fflush(of->f);
    else
        fclose(of->f);
    if (of->tmp != NULL)
        unlink(of->tmp);
    out_forget(of);
}

bool out_close(out_file *of)
{
    if (of->f == NULL)
        return false;
    if (g_io.clash) {
        out_discard(of);
        return false;
    }
    bool ok = fflush(of->f) == 0;
    int e = errno;
    if (of->f == stdout || of->f == stderr) {
        if (!ok && strcmp(of->path, "-") == 0)
            fprintf(stderr, "%s: writing to standard output: %s\n", of->who, strerror(e));
        else if (!ok)
            fprintf(stderr, "%s: %s %s: %s\n", of->who, of->opt, of->path, strerror(e));
        out_forget(of);
        return ok;
    }
    /* on disk before it replaces the old file */
    if (ok && of->tmp != NULL && fsync(fileno(of->f)) != 0)
        ok = false, e = errno;
    if (fclose(of->f) != 0 && ok)
        ok = false, e = errno;
    of->f = NULL;
    if (ok && of->tmp != NULL) {
        if (of->flags & OUT_NEW) {
            /* link() never replaces: a file made meanwhile is kept; where
             * the file system has no hard links, rename() if still absent */
            ok = link(of->tmp, of->target) == 0;
            e = errno;
            if (!ok && e != EEXIST) {
                struct stat st;
                if (lstat(of->target, &st) == 0)
                    e = EEXIST;
                else if (rename(of->tmp, of->target) == 0)
                    ok = true;
                else
                    e = errno;
            }
            unlink(of->tmp);
        } else {
            ok = rename(of->tmp, of->target) == 0;
            e = errno;
        }
    }
    if (!ok) {
        if (e == EEXIST)
            fprintf(stderr, "%s: %s %s exists; not overwritten (--force replaces it)\n", of->who,
                    of->opt, of->path);
        else
            fprintf(stderr, "%s: %s %s: %s%s\n", of->who, of->opt, of->path, strerror(e),
                    of->exists ? " (the old file is kept)" : "");
        if (of->tmp != NULL)
            unlink(of->tmp);
    }
    out_forget(of);
    return ok;
}

const char *did_you_mean(const char *word, size_t len, const char *(*name_at)(size_t i), size_t n)
{
    /* Levenshtein distance, one row at a time; a typo is a few edits, so
     * allow 1 for short words, 2 from 5 characters, 3 from 10 */
    enum { MAXW = 64 };
    if (len == 0 || len > MAXW)
        return NULL;
    size_t limit = len < 5 ? 1 : len < 10 ? 2 : 3, best_d = limit + 1;
    const char *best = NULL;
    for (size_t k = 0; k < n; k++) {
        const char *cand = name_at(k);
        size_t m = cand != NULL ? strlen(cand) : 0;
        if (m == 0 || m > MAXW)
            continue;
        size_t row[MAXW + 1];
        for (size_t j = 0; j <= m; j++)
            row[j] = j;
        for (size_t i = 1; i <= len; i++) {
            size_t diag = row[0];
            row[0] = i;
            for (size_t j = 1; j <= m; j++) {
                size_t up = row[j];
                size_t sub = diag + (word[i - 1] != cand[j - 1]);
                size_t del = up + 1, ins = row[j - 1] + 1;
                row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
                diag = up;
            }
        }
        if (row[m] < best_d) {
            best_d = row[m];
            best = cand;
        }
    }
    return best;
}

/* Length of the well-formed UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t k = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (k == 0 || p[0] > 0xf4 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    uint32_t cp = k == 2 ? (p[0] & 0x1fu) : k == 3 ? (p[0] & 0x0fu) : (p[0] & 0x07u);
    for (size_t i = 1; i < k; i++)
        cp = cp << 6 | (p[i] & 0x3fu);
    if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
        return 0; /* overlong, surrogate, out of range, or a C1 control */
    return k;
}

const char *text_escape(const char *s, char *out, size_t size)
{
    static const char hx[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    for (size_t i = 0; i < n && o + 5 < size;) {
        size_t k = p[i] >= 0x80 ? utf8_len(p + i, n - i) : 1;
        if (k > 1) {
            if (o + k + 1 >= size)
                break;
            memcpy(out + o, p + i, k);
            o += k;
            i += k;
            continue;
        }
        unsigned char c = p[i++];
        const char *e = c == '\n'   ? "\\n"
                        : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t"
                        : c == '\\' ? "\\\\"
                                    : NULL;
        if (e != NULL) {
            out[o++] = e[0];
            out[o++] = e[1];
        } else if (c < 0x20 || c >= 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hx[c >> 4];
            out[o++] = hx[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
        max--; /* not inside a character */
    return max;
}
