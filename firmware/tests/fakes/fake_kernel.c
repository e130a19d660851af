/* Lock depth of the fake kernel mutex (fakes/zephyr/kernel.h). */
int fake_kernel_lock_depth;
