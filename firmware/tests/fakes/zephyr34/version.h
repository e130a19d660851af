/* Host fake of the generated <version.h> of Zephyr 3.4 (nRF Connect SDK
 * 2.4 and 2.5's sdk-zephyr 3.4.99): before Zephyr 3.5 it is not under
 * zephyr/, so a sample that includes only <zephyr/version.h> does not
 * build there. */
#ifndef _KERNEL_VERSION_H_
#define _KERNEL_VERSION_H_

#define ZEPHYR_VERSION(major, minor, patch) (((major) << 16) + ((minor) << 8) + (patch))
#define KERNEL_VERSION_MAJOR                3
#define KERNEL_VERSION_MINOR                4
#define KERNEL_PATCHLEVEL                   99
#define ZEPHYR_VERSION_CODE                 ZEPHYR_VERSION(3, 4, 99)

#endif
