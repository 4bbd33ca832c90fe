#!/usr/bin/env sh
# Install the Debian/Ubuntu packages named as arguments when they are missing.
# Without root (and without password-less sudo) it prints the exact command to run instead.
set -eu
missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "vanban: thiếu gói hệ thống:$missing (máy này không có apt-get; hãy cài bằng trình quản lý gói của hệ điều hành)." >&2
    exit 1
fi
cmd="apt-get -o DPkg::Lock::Timeout=600 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends$missing"
if [ "$(id -u)" = "0" ]; then
    echo "vanban: đang cài gói hệ thống:$missing"
    sh -c "$cmd"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "vanban: đang cài gói hệ thống (sudo):$missing"
    sudo sh -c "$cmd"
else
    echo "vanban: thiếu gói hệ thống:$missing" >&2
    echo "Hãy chạy lệnh sau rồi chạy lại make:" >&2
    echo "    sudo sh -c '$cmd'" >&2
    exit 1
fi
