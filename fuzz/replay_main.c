/* Replays files through a fuzz target's LLVMFuzzerTestOneInput without
 * libFuzzer: built with any compiler, run by ctest on every build over the
 * seed corpus and the regression corpus (fuzz/regression/TARGET). Arguments
 * are files or directories (one level; a missing directory is skipped, so
 * that ctest picks up a new regression directory without re-configuring).
 * Exit 0 when every input ran. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fclose(f);
            return 1;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            cap *= 2;
            uint8_t *b = realloc(buf, cap);
            if (b == NULL)
                free(buf);
            buf = b;
        }
    }
    fclose(f);
    /* an exact-size copy, as libFuzzer hands it over */
    uint8_t *exact = malloc(n ? n : 1);
    if (exact == NULL) {
        free(buf);
        return 1;
    }
    memcpy(exact, buf, n);
    free(buf);
    (void)LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int failed = 0;
    unsigned ran = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            if (errno == ENOENT) {
                /* no regression input for this target yet */
                printf("%s: absent, nothing to replay\n", argv[i]);
                continue;
            }
            perror(argv[i]);
            return 1;
        }
        if (!S_ISDIR(st.st_mode)) {
            failed |= run_file(argv[i]);
            ran++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (d == NULL) {
            perror(argv[i]);
            return 1;
        }
        char **names = NULL;
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char **nn = realloc(names, (n + 1) * sizeof(*nn));
            if (nn == NULL)
                break;
            names = nn;
            size_t len = strlen(argv[i]) + strlen(de->d_name) + 2;
            names[n] = malloc(len);
            if (names[n] == NULL)
                break;
            snprintf(names[n], len, "%s/%s", argv[i], de->d_name);
            n++;
        }
        closedir(d);
        if (n > 0)
            qsort(names, n, sizeof(*names), cmp);
        for (size_t k = 0; k < n; k++) {
            struct stat fs;
            if (stat(names[k], &fs) == 0 && S_ISREG(fs.st_mode)) {
                failed |= run_file(names[k]);
                ran++;
            }
            free(names[k]);
        }
        free(names);
    }
    printf("replayed %u inputs\n", ran);
    return failed;
}
