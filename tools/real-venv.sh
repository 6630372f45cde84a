#!/usr/bin/env bash
# Make (or reuse) a throwaway venv holding a real OpenStack client or Nova itself,
# for conformance tests; never the project's own environment. Prints the venv path.
#   tools/real-venv.sh novaclient|openstackclient|openstacksdk|nova|ansible
# Ansible 12's openstack.cloud collection reads openstack.version, which openstacksdk
# stopped importing in 4.15; the ansible venv pins 4.14.0, the newest release that has it.
set -euo pipefail
name=${1:?usage: $0 novaclient|openstackclient|openstacksdk|nova|ansible}
case "$name" in
  novaclient) packages=(python-novaclient==18.13.1) ; probe="import novaclient" ;;
  openstackclient) packages=(python-openstackclient) ; probe="import openstackclient" ;;
  openstacksdk) packages=(openstacksdk) ; probe="import openstack" ;;
  nova) packages=(nova==34.0.0) ; probe="import nova.api.openstack.compute.schemas.servers" ;;
  ansible) packages=('ansible==12.*' openstacksdk==4.14.0) ; probe="import openstack, ansible_collections.openstack.cloud; openstack.version" ;;
  *) echo "unknown venv: $name" >&2; exit 2 ;;
esac
cache=${NOVATOOLKIT_CACHE:-$HOME/.cache/novatoolkit}
venv=$cache/$name-venv
mkdir -p "$cache"
exec 9>"$cache/$name.lock"
flock 9
if ! "$venv/bin/python" -c "$probe" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${packages[@]}" >"$cache/$name-install.log" 2>&1 \
    || { tail -20 "$cache/$name-install.log" >&2; exit 1; }
  "$venv/bin/python" -c "$probe"
fi
echo "$venv"
