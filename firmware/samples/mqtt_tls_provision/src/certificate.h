/*
 * The broker's CA: the self-signed P-384 RootCA the course switched to in
 * 2024-10 (fixtures/real/academy-mqtt-2024-10-certificate.h below this
 * comment, without the backslash that ended its last line): 904 bytes of PEM, within the modem's 4096-byte limit.
 * certfit passes it under nrf91 (a notice: signed with SHA-256, not SHA-384)
 * and refuses it under nrf91-p384-selfsigned (lifetime-min: 1024 days, not
 * the vendor's 30 years).
 */
#define CA_CERTIFICATE \
"-----BEGIN CERTIFICATE-----\n" \
"MIICbjCCAfSgAwIBAgIUfyFUk+fkBXNqVr3Vy6pI8WsoilMwCgYIKoZIzj0EAwIw\n" \
"bjELMAkGA1UEBhMCTk8xEzARBgNVBAgMClRyb25kZXJsYWcxEjAQBgNVBAcMCVRy\n" \
"b25kaGVpbTETMBEGA1UECgwKTm9yZGljU2VtaTEQMA4GA1UECwwHQWNhZGVteTEP\n" \
"MA0GA1UEAwwGUm9vdENBMB4XDTI0MDkxMjE0MjYxMVoXDTI3MDcwMzE0MjYxMVow\n" \
"bjELMAkGA1UEBhMCTk8xEzARBgNVBAgMClRyb25kZXJsYWcxEjAQBgNVBAcMCVRy\n" \
"b25kaGVpbTETMBEGA1UECgwKTm9yZGljU2VtaTEQMA4GA1UECwwHQWNhZGVteTEP\n" \
"MA0GA1UEAwwGUm9vdENBMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEeB1H2UpIsvpw\n" \
"XcBL/cDrcezGdBJNePKxYn09PvTl9207DHvzOUV3UzBr3SRpfezB07BnP3PkVGjR\n" \
"r6MRPMIwbsd6ffxkTldvA319cDyc6e4TmkbZaoo2ZA+cCF/aockQo1MwUTAdBgNV\n" \
"HQ4EFgQUDS1xm8USQO+iYxyqLRKodiKdg+kwHwYDVR0jBBgwFoAUDS1xm8USQO+i\n" \
"YxyqLRKodiKdg+kwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNoADBlAjEA\n" \
"4slb9bPNDYCLMSLCtFTLieCvJiKvtxPPTnv/V0eWGSBTZiIj8Zssw+36dzLHLfLZ\n" \
"AjAZyj0Kd+lO8YQZ7SJ+h3n489uz+ww9RMUtpZWXSp8hO0vqCBce2tkLrSWVzGFn\n" \
"EIY=\n" \
"-----END CERTIFICATE-----\n"
