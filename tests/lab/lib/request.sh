#!/bin/bash
# One HTTP request to the lab nginx from a chosen loopback client address.
# usage: request.sh CLIENT_IP HOST METHOD PATH [KIND] [MAX_TIME]
#   KIND: visitor (default) | admin (sends a Drupal session cookie) | bot | proxied (X-Forwarded-For)
# Appends "start end ip host method path code seconds" (server clock) to $LAB/client.log.
ip=$1 host=$2 method=$3 path=$4 kind=${5:-visitor} max=${6:-10}
: "${LAB:?}" "${LAB_PORT:?}"
case "$ip" in 127.*) ;; *) echo "refusing non-loopback client $ip" >&2; exit 2 ;; esac

agents=(
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
  "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15"
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
args=(-s -o /dev/null --interface "$ip" --max-time "$max" -H "Host: $host" -w '%{http_code} %{time_total}')
case "$kind" in
  bot) args+=(-A "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)") ;;
  *) args+=(-A "${agents[RANDOM % ${#agents[@]}]}" --compressed) ;;
esac
[ "$kind" = admin ] && args+=(-b "SESS5f2c7a1e=lab$((RANDOM % 3))" -e "https://$host/admin")
[ "$kind" = proxied ] && args+=(-H "X-Forwarded-For: 203.0.113.$((RANDOM % 200 + 20))")
[ "$kind" = visitor ] && [ $((RANDOM % 3)) -eq 0 ] && args+=(-e "https://$host/")
[ "$method" = POST ] && args+=(-X POST --data "name=user$((RANDOM % 50))&pass=secret&form_id=user_login")

now() { awk -v r="$(date +%s.%N)" -v o="${LAB_TIME_OFFSET:-0}" 'BEGIN { printf "%.3f", r + o }'; }
t0=$(now)
res=$(curl "${args[@]}" "http://127.0.0.1:$LAB_PORT$path" 2>/dev/null)
t1=$(now)
echo "$t0 $t1 $ip $host $method $path ${res:-000 0}" >>"$LAB/client.log"
