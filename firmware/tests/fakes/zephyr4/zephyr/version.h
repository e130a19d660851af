/* Host fake of Zephyr's generated <zephyr/version.h>: Zephyr 4.3.0 (the
 * base of nRF Connect SDK 3.x), for compiling the sample against the
 * two-argument mqtt_disconnect(). */
#ifndef ZEPHYR_VERSION_H
#define ZEPHYR_VERSION_H

#define ZEPHYR_VERSION(major, minor, patch) (((major) << 16) + ((minor) << 8) + (patch))
#define KERNEL_VERSION_MAJOR                4
#define KERNEL_VERSION_MINOR                3
#define KERNEL_PATCHLEVEL                   0
#define ZEPHYR_VERSION_CODE                 ZEPHYR_VERSION(4, 3, 0)

#endif
