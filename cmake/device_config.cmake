# The library's configuration on the device (include/certfit/config.h): one
# list for every build that stands for the device — the Cortex-M33 test
# images (firmware/tests), the footprint script (scripts/footprint.sh reads
# this line), and the host build of the core that tests/device_equiv
# compares with the full library. The Zephyr module sets the same options
# from Kconfig (firmware/CMakeLists.txt). CERTFIT_CONFIG_HYGIENE=0 leaves the
# RFC 5280 hygiene rules (lib/hygiene.c, a host source) out of the device;
# CERTFIT_CONFIG_HOST_RULES=0 the ids and messages of the rules only host
# code reports (rules.def's scope column); CERTFIT_CONFIG_STREAM=1 the streaming
# scanner, which checks any credential in a work buffer of constant size.
set(CERTFIT_DEVICE_CONFIG CERTFIT_CONFIG_FINDING_TEXT=0 CERTFIT_CONFIG_HOSTNAME=0 CERTFIT_CONFIG_STATE_IN_WORK=1 CERTFIT_CONFIG_FAST_BASE64=0 CERTFIT_CONFIG_LINES=0 CERTFIT_CONFIG_DER_INPUT=0 CERTFIT_CONFIG_HYGIENE=0 CERTFIT_CONFIG_HOST_RULES=0 CERTFIT_CONFIG_STREAM=1)
