/* Host fake of nRF Connect SDK's <modem/lte_lc.h>: what the sample uses. */
#ifndef LTE_LC_H__
#define LTE_LC_H__

enum lte_lc_evt_type { LTE_LC_EVT_NW_REG_STATUS };
enum lte_lc_nw_reg_status {
    LTE_LC_NW_REG_NOT_REGISTERED,
    LTE_LC_NW_REG_REGISTERED_HOME,
    LTE_LC_NW_REG_SEARCHING,
    LTE_LC_NW_REG_REGISTRATION_DENIED,
    LTE_LC_NW_REG_UNKNOWN,
    LTE_LC_NW_REG_REGISTERED_ROAMING
};
struct lte_lc_evt {
    enum lte_lc_evt_type type;
    enum lte_lc_nw_reg_status nw_reg_status;
};
typedef void (*lte_lc_evt_handler_t)(const struct lte_lc_evt *const evt);

int lte_lc_connect_async(lte_lc_evt_handler_t handler);

#endif
