# bash completion for certfit(1). Installed as
# share/bash-completion/completions/certfit; or: source completions/certfit.bash
# Tested by tests/ecosystem/completion.sh against `certfit COMMAND --help`.

_certfit_rules()
{
    # rule ids from the binary (the rule table), a fixed list without it
    local ids
    ids=$("${1:-certfit}" rules 2>/dev/null | awk '{ print $1 }')
    [ -n "$ids" ] || ids="credential-size credential-readback chain-size size-headroom chain-depth
ca-slot-bundle root-in-chain key-algorithm rsa-key-size signature-algorithm signature-hash-strength
self-signed self-signed-signature chain-order chain-duplicate ca-basic-constraints hostname-mismatch
lifetime-min expired not-yet-valid expires-soon time-encoding der-strict trailing-data
pem-line-endings pem-stray-text private-key-present non-certificate-block serial-number
cipher-suite tls-version"
    # shellcheck disable=SC2086  # one id a word
    printf '%s\n' $ids
}

_certfit_profiles()
{
    # profile names from the binary (lib/profiles.def), a fixed list without it
    local names
    names=$("${1:-certfit}" profiles 2>/dev/null | awk '/^[a-z]/ { print $1 }')
    [ -n "$names" ] || names="nrf91 nrf91-p384-selfsigned generic mbedtls-default esp-idf esp-at
esp8266-at sequans-monarch2 ubxlib nina-fw wolfssl-default bearssl-default"
    # shellcheck disable=SC2086  # one name a word
    printf '%s\n' $names
}

# COMPREPLY from compgen, one word a line
_certfit_reply()
{
    mapfile -t COMPREPLY < <(compgen "$@")
}

_certfit()
{
    local cur prev cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=""
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]}

    local commands="check size matrix probe mint header rules profiles explain version"
    local check_opts="-p --profile -r --role --policy --host --now --sec-tag -f --format --fail-on
        --skip --no-signatures -q --quiet --color --no-color -o --output --max-size --extensions
        --ca --trust-store --server-chain --type -h --help"
    local probe_opts="--timeout --servername --save -p --profile --policy --host --now -f --format
        --fail-on --skip --no-signatures -q --quiet -o --output --ca --trust-store -h --help"
    local mint_opts="--cn --dns --ip --curve --years --key-out --cert-out --force --now -h --help"
    local header_opts="-n --name -p --profile --now --force -o --output -h --help"
    local list_opts="-f --format -h --help"
    local matrix_opts="-r --role --policy --require --now -f --format --no-signatures -h --help"

    # the command: the first word after the program
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [ -z "$cmd" ]; then
        _certfit_reply -W "$commands --help --version" -- "$cur"
        return 0
    fi

    # values of options
    case $prev in
    -p | --profile)
        _certfit_reply -W "$(_certfit_profiles "$prog")" -- "$cur"
        return 0 ;;
    --require)
        # a comma-separated list: complete the last element
        local phead=""
        case $cur in *,*) phead=${cur%,*},; esac
        _certfit_reply -P "$phead" -W "$(_certfit_profiles "$prog")" -- "${cur##*,}"
        return 0 ;;
    -r | --role)
        _certfit_reply -W "ca server" -- "$cur"
        return 0 ;;
    -f | --format)
        case $cmd in
        rules | profiles) _certfit_reply -W "text json markdown" -- "$cur" ;;
        matrix) _certfit_reply -W "text json" -- "$cur" ;;
        *) _certfit_reply -W "text json sarif" -- "$cur" ;;
        esac
        return 0 ;;
    --fail-on)
        _certfit_reply -W "error warning notice never" -- "$cur"
        return 0 ;;
    --color)
        _certfit_reply -W "auto always never" -- "$cur"
        return 0 ;;
    --skip)
        # a comma-separated list: complete the last element
        local head=""
        case $cur in *,*) head=${cur%,*},; esac
        _certfit_reply -P "$head" -W "$(_certfit_rules "$prog")" -- "${cur##*,}"
        return 0 ;;
    --curve)
        _certfit_reply -W "secp384r1 secp256r1" -- "$cur"
        return 0 ;;
    --policy | -o | --output | --key-out | --cert-out | --save | --ca | --trust-store | \
        --server-chain)
        _certfit_reply -f -- "$cur"
        return 0 ;;
    --extensions)
        _certfit_reply -W "pem,crt,cer,der,h" -- "$cur"
        return 0 ;;
    -n | --name | --host | --now | --sec-tag | --max-size | --cn | --dns | --ip | --years | \
        --timeout | --servername | --type)
        return 0 ;;
    esac

    local opts=""
    case $cmd in
    check | size) opts=$check_opts ;;
    matrix) opts=$matrix_opts ;;
    probe) opts=$probe_opts ;;
    mint) opts=$mint_opts ;;
    header) opts=$header_opts ;;
    rules | profiles) opts=$list_opts ;;
    explain)
        if [[ $cur == -* ]]; then
            opts="-h --help"
        else
            _certfit_reply -W "$(_certfit_rules "$prog")" -- "$cur"
            return 0
        fi ;;
    version) return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        _certfit_reply -W "$opts" -- "$cur"
    elif [ "$cmd" = check ] || [ "$cmd" = size ] || [ "$cmd" = header ] || [ "$cmd" = matrix ]; then
        _certfit_reply -f -- "$cur"
        compopt -o filenames 2>/dev/null
    fi
    return 0
}
complete -F _certfit certfit
