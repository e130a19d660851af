#!/usr/bin/env python3
"""Check certfit's Zephyr module layout the way Zephyr's module discovery
reads it (west's manifest projects and EXTRA_ZEPHYR_MODULES alike):

  <module root>/zephyr/module.yml, YAML, with
    name:   the module's name (a CMake/Kconfig-safe identifier)
    build:  cmake:   a directory, relative to the module root, holding
                     CMakeLists.txt
            kconfig: a file, relative to the module root
    samples: directories, relative to the module root

Also checks that the Kconfig file defines the module's symbols, and that
the sample's CMakeLists.txt points EXTRA_ZEPHYR_MODULES at the module root.

Usage: check_module.py MODULE_ROOT
Prints one line per check; exit 1 with the reason on the first failure.
"""
import os
import re
import sys

import yaml


def fail(msg):
    print(f"check_module: FAIL: {msg}")
    sys.exit(1)


def kconfig_entry(text, sym):
    """The property lines of `config SYM` / `menuconfig SYM`, or None."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.fullmatch(rf"(menu)?config {sym}", line):
            props = []
            for prop in lines[i + 1:]:
                if not prop.startswith("\t") or prop.strip() == "help":
                    break
                props.append(prop.strip())
            return props
    return None


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    root = os.path.abspath(argv[1])
    meta = os.path.join(root, "zephyr", "module.yml")
    if not os.path.isfile(meta):
        fail(f"{meta} missing: west and EXTRA_ZEPHYR_MODULES find no module at {root}")
    with open(meta, encoding="utf-8") as f:
        try:
            doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            fail(f"{meta}: not YAML: {e}")
    if not isinstance(doc, dict):
        fail(f"{meta}: not a mapping")
    name = doc.get("name")
    # Zephyr derives ZEPHYR_<NAME>_MODULE_DIR and Kconfig symbols from it
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        fail(f"{meta}: name {name!r} is not a valid module name")
    print(f"check_module: name {name}")
    build = doc.get("build")
    if not isinstance(build, dict):
        fail(f"{meta}: no build: mapping")
    cmake = build.get("cmake")
    if not isinstance(cmake, str) or os.path.isabs(cmake):
        fail(f"{meta}: build: cmake: must be a directory relative to the module root")
    lists = os.path.join(root, cmake, "CMakeLists.txt")
    if not os.path.isfile(lists):
        fail(f"build: cmake: {cmake}: {lists} missing")
    print(f"check_module: cmake {cmake}/CMakeLists.txt")
    kconfig = build.get("kconfig")
    if not isinstance(kconfig, str) or os.path.isabs(kconfig):
        fail(f"{meta}: build: kconfig: must be a file relative to the module root")
    kpath = os.path.join(root, kconfig)
    if not os.path.isfile(kpath):
        fail(f"build: kconfig: {kconfig}: {kpath} missing")
    with open(kpath, encoding="utf-8") as f:
        ktext = f.read()
    hook = kconfig_entry(ktext, "CERTFIT")
    glue = kconfig_entry(ktext, "CERTFIT_MODEM_KEY_MGMT")
    if hook is None or glue is None:
        fail(f"{kconfig}: no config CERTFIT and CERTFIT_MODEM_KEY_MGMT")
    # the hook for any Zephyr target: no dependency on nRF Connect SDK
    if any(line.startswith("depends on") for line in hook):
        fail(f"{kconfig}: CERTFIT has a dependency: {hook}")
    # the glue where modem_key_mgmt is, and there on by default
    if "depends on MODEM_KEY_MGMT" not in glue or "default y" not in glue:
        fail(f"{kconfig}: CERTFIT_MODEM_KEY_MGMT must depend on MODEM_KEY_MGMT, default y")
    if not re.search(r"^if CERTFIT$[\s\S]*^config CERTFIT_MODEM_KEY_MGMT$[\s\S]*^endif # CERTFIT",
                     ktext, re.M):
        fail(f"{kconfig}: CERTFIT_MODEM_KEY_MGMT is not inside if CERTFIT")
    print(f"check_module: kconfig {kconfig}: CERTFIT (no dependency), "
          "CERTFIT_MODEM_KEY_MGMT (depends on MODEM_KEY_MGMT, default y)")
    for s in doc.get("samples", []) or []:
        if not os.path.isdir(os.path.join(root, s)):
            fail(f"samples: {s} is not a directory")
        print(f"check_module: samples {s}")
    sample = os.path.join(root, "firmware", "samples", "mqtt_tls_provision")
    with open(os.path.join(sample, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"EXTRA_ZEPHYR_MODULES \$\{CMAKE_CURRENT_SOURCE_DIR\}/([^)\s]*)", f.read())
    if not m:
        fail("the sample's CMakeLists.txt does not add EXTRA_ZEPHYR_MODULES")
    target = os.path.normpath(os.path.join(sample, m.group(1)))
    if target != root:
        fail(f"the sample's EXTRA_ZEPHYR_MODULES is {target}, not the module root {root}")
    print("check_module: the sample's EXTRA_ZEPHYR_MODULES is the module root")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
