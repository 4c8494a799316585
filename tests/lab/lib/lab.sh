# shellcheck shell=bash
# Loads the whole lab library. Scenario scripts start with:
#   . "$(dirname "$0")/../lib/lab.sh"
set -u
_lab_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$_lab_lib/common.sh"
. "$_lab_lib/server.sh"
. "$_lab_lib/traffic.sh"
. "$_lab_lib/bundle.sh"
. "$_lab_lib/capture.sh"
. "$_lab_lib/incidents.sh"
