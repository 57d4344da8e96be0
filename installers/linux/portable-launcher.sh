#!/bin/sh
# QueryBench portable archive launcher: querybench-app starts the workbench, querybench the
# command line, from the folder this script is in (links to it, e.g. in ~/.local/bin, work too).
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case "$link" in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
here=$(cd "$(dirname "$self")" && pwd -P)
case "$(basename "$0")" in
  querybench-app*) exec "$here/bin/querybench-app" "$@" ;;  # with the AOT cache (bin/querybench-app)
  *) exec "$here/bin/querybench" "$@" ;;
esac
