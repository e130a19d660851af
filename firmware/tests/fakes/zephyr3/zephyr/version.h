/* Host fake of Zephyr's generated <zephyr/version.h>: Zephyr 3.7.0 (the
 * base of nRF Connect SDK 2.x), for compiling the sample against the
 * one-argument mqtt_disconnect(). */
#ifndef ZEPHYR_VERSION_H
#define ZEPHYR_VERSION_H

#define ZEPHYR_VERSION(major, minor, patch) (((major) << 16) + ((minor) << 8) + (patch))
#define KERNEL_VERSION_MAJOR                3
#define KERNEL_VERSION_MINOR                7
#define KERNEL_PATCHLEVEL                   0
#define ZEPHYR_VERSION_CODE                 ZEPHYR_VERSION(3, 7, 0)

#endif
