/* libFuzzer target: the policy-file parser, from the default start and from
 * a non-default profile, then every documented limit written back as text
 * and parsed again (a round trip must give the same profile). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    certfit_profile out, again;
    certfit_policy_error err;
    memset(&err, 0xA5, sizeof(err));
    int rc = certfit_policy_parse(text, size, &out, &err);
    fuzz_rc(rc);
    if (rc != 0 && memchr(err.message, '\0', sizeof(err.message)) == NULL)
        abort();
    if (rc == 0) {
        if (memchr(out.name, '\0', sizeof(out.name)) == NULL)
            abort();
        size_t n = 0;
        const certfit_limit_doc *d = certfit_profile_limit_docs(0, &n);
        char line[256], policy[4096];
        size_t pl = 0;
        for (size_t i = 0; d != NULL && i < n; i++) {
            char v[160];
            if (certfit_profile_value(&out, d[i].key, v, sizeof(v)) != 0)
                continue;
            int l = snprintf(line, sizeof(line), "%s = %s\n", d[i].key, v);
            if (l > 0 && (size_t)l < sizeof(policy) - pl) {
                memcpy(policy + pl, line, (size_t)l);
                pl += (size_t)l;
            }
            fuzz_rc(certfit_profile_value(&out, d[i].key, v, 2));
        }
        if (certfit_policy_parse_from(&out, policy, pl, &again, &err) != 0) {
            fprintf(stderr, "round trip failed at line %u: %s\n%.*s", err.line, err.message,
                    (int)pl, policy);
            abort();
        }
        for (int r = 0; r < CERTFIT_RULE_COUNT; r++)
            (void)certfit_profile_severity(&out, (certfit_rule)r);
    }
    const certfit_profile *start = certfit_profile_at(2);
    if (start != NULL)
        fuzz_rc(certfit_policy_parse_from(start, text, size, &out, &err));
    free(text);
    return 0;
}
