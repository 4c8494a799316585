# shellcheck shell=bash
# Traffic generators for the lab. All loops are bounded by a request count.
# Client addresses: visitors 127.0.0.10-250, admins 127.0.0.5-6, a crawler 127.0.0.66.

LAB_REQ=$LAB_HOME/lib/request.sh

lab_visitor_ip() { echo "127.0.0.$((RANDOM % 240 + 10))"; }

# Print one random "IP HOST METHOD PATH KIND" line of everyday traffic.
lab_pick_request() {
    local r=$((RANDOM % 100)) ip kind=visitor host path method=GET
    ip=$(lab_visitor_ip)
    [ $((RANDOM % 7)) -eq 0 ] && kind=proxied
    case $((RANDOM % 10)) in
        0|1|2|3) host=www.example.com ;;
        4|5|6) host=shop.example.org ;;
        7|8) host=team.example.com ;;
        9) host=o1.srv.example.net ;;
    esac
    if [ "$host" = o1.srv.example.net ]; then
        ip=127.0.0.5; kind=admin
        case $((RANDOM % 4)) in
            0|1) path="/hosting/tasks/$((RANDOM % 40 + 100))/list" ;;
            2) path=/hosting/sites ;;
            3) path=/hosting/c/server_master ;;
        esac
        echo "$ip $host $method $path $kind"; return
    fi
    if [ $r -lt 30 ]; then path="/node/$((RANDOM % 120 + 1))"
    elif [ $r -lt 38 ]; then path=/
    elif [ $r -lt 44 ]; then path=/user/login; [ $((RANDOM % 3)) -eq 0 ] && method=POST
    elif [ $r -lt 50 ]; then path="/taxonomy/term/$((RANDOM % 30 + 1))"
    elif [ $r -lt 54 ]; then path="/?q=node/$((RANDOM % 120 + 1))"
    elif [ $r -lt 58 ]; then path="/search/node/drupal%20hosting"
    elif [ $r -lt 62 ]; then path="/products/$((RANDOM % 40 + 1))"
    elif [ $r -lt 65 ]; then path=/cart
    elif [ $r -lt 75 ]; then path=/themes/bartik/css/style.css
    elif [ $r -lt 82 ]; then path=/misc/drupal.js
    elif [ $r -lt 86 ]; then path=/sites/default/files/logo.png
    elif [ $r -lt 88 ]; then path=/wp-login.php; kind=bot
    elif [ $r -lt 90 ]; then path="/sites/default/files/styles/large/photo-$((RANDOM % 9)).jpg"
    elif [ $r -lt 92 ]; then path="/node/$((RANDOM % 120 + 1))"; kind=bot; ip=127.0.0.66
    elif [ $r -lt 94 ]; then path=/admin/content; ip=127.0.0.6; kind=admin
    elif [ $r -lt 96 ]; then path="/node/$((RANDOM % 120 + 1))/edit"; ip=127.0.0.6; kind=admin
    elif [ $r -lt 98 ]; then path=/admin; kind=bot
    else path=/about
    fi
    echo "$ip $host $method $path $kind"
}

# Background traffic: SECONDS at about RATE requests/s (RATE integer, 1..10), in the background.
# Sets LAB_TRAFFIC_PID. Bounded: SECONDS*RATE requests.
lab_traffic_start() {
    local seconds=$1 rate=${2:-4}
    (
        local n=$((seconds * rate)) i
        for ((i = 0; i < n; i++)); do
            # shellcheck disable=SC2046
            "$LAB_REQ" $(lab_pick_request) 10 &
            sleep "$(awk -v r="$rate" -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", (0.5 + rand()) / r }')"
        done
        wait
    ) &
    LAB_TRAFFIC_PID=$!
    lab_track "$LAB_TRAFFIC_PID" traffic
}
lab_traffic_wait() { wait "$LAB_TRAFFIC_PID" 2>/dev/null; }

# Foreground traffic for SECONDS at RATE (waits for the last request).
lab_traffic() { lab_traffic_start "$@"; lab_traffic_wait; }

# Fire the "IP HOST METHOD PATH KIND" lines of FILE with PARALLEL requests at a time.
lab_burst() {
    local file=$1 parallel=$2 max=${3:-10}
    awk -v m="$max" '{ print $0, m }' "$file" | xargs -P "$parallel" -L 1 "$LAB_REQ" >/dev/null 2>&1 &
    local pid=$!
    lab_track "$pid" burst
    wait "$pid"
}
