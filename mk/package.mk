# Debian packages (docs/abi.md, "Debian packages").
#   make package   configure $(PACKAGE_BUILD) for /usr (Release, no tests),
#                  build, and write libcertfit<SOVERSION>, libcertfit-dev and
#                  certfit .deb files into $(PACKAGE_BUILD)/packages (CPack;
#                  Depends from dpkg-shlibdeps)
PACKAGE_BUILD ?= build-package

.PHONY: package

package:
	cmake -S . -B $(PACKAGE_BUILD) -DCERTFIT_DEB=ON -DCMAKE_INSTALL_PREFIX=/usr \
	  -DCMAKE_BUILD_TYPE=Release -DCERTFIT_BUILD_TESTS=OFF -DCERTFIT_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build $(PACKAGE_BUILD) -j $(JOBS)
	rm -f $(PACKAGE_BUILD)/packages/*.deb
	cd $(PACKAGE_BUILD) && cpack -G DEB
	@ls -1 $(PACKAGE_BUILD)/packages/*.deb
