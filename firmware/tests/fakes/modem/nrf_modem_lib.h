/* Host fake of nRF Connect SDK's <modem/nrf_modem_lib.h>. */
#ifndef NRF_MODEM_LIB_H_
#define NRF_MODEM_LIB_H_

int nrf_modem_lib_init(void);

#endif
