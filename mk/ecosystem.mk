# Install, uninstall and the generated docs (issue 8).
#   make install [PREFIX=/usr/local] [DESTDIR=...]   cmake --install into PREFIX
#   make uninstall                                  remove what `make install` put in place
#   make docs                                       regenerate docs/rules.md and docs/profiles.md
PREFIX ?= /usr/local

.PHONY: install uninstall docs

install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"
	@# keep the list: ctest's install test rewrites install_manifest.txt
	cp $(BUILD)/install_manifest.txt $(BUILD)/certfit-installed.txt

# Removes exactly the files listed by the last `make install` (its manifest);
# directories are left in place.
uninstall:
	@manifest=$(BUILD)/certfit-installed.txt; \
	[ -f "$$manifest" ] || manifest=$(BUILD)/install_manifest.txt; \
	if [ ! -f "$$manifest" ]; then echo "uninstall: no $$manifest (run make install first)" >&2; exit 1; fi; \
	while IFS= read -r f || [ -n "$$f" ]; do \
	  if [ -e "$$f" ] || [ -L "$$f" ]; then echo "rm $$f"; rm -f "$$f"; fi; \
	done <"$$manifest"; \
	rm -f $(BUILD)/certfit-installed.txt

docs: build
	cmake --build $(BUILD) --target gen-docs
