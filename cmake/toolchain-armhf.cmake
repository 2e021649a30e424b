# Cross build for the on-board computer: 32-bit ARM, hard float (armhf), with
# Debian 12's cross compiler (g++-arm-linux-gnueabihf) and the armhf
# libraries installed through multiarch (scripts/install-deps.sh --arm):
#
#   cmake -S . -B build/armhf -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-armhf.cmake
#
# `make test-arm` does this, then runs the unit tests under qemu-user (see
# README.md, "On-board build"). Header-only dependencies with no armhf
# package of their own (nlohmann-json, CLI11) come from /usr/include, which
# Debian's cross compiler also searches.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

set(KUBOS_CROSS_TRIPLE arm-linux-gnueabihf)
set(CMAKE_C_COMPILER ${KUBOS_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${KUBOS_CROSS_TRIPLE}-g++)
set(CMAKE_AR ${KUBOS_CROSS_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${KUBOS_CROSS_TRIPLE}-ranlib CACHE FILEPATH "")
set(CMAKE_STRIP ${KUBOS_CROSS_TRIPLE}-strip CACHE FILEPATH "")
set(CMAKE_OBJCOPY ${KUBOS_CROSS_TRIPLE}-objcopy CACHE FILEPATH "")

# GCC notes every std::vector<T>::iterator passed by value that the AAPCS
# passes differently since GCC 7.1 (-Wpsabi): an ABI change for code built
# with GCC < 7, none of which is linked here.
set(CMAKE_CXX_FLAGS_INIT "-Wno-psabi")

# Libraries and headers: the cross toolchain's own (/usr/arm-linux-gnueabihf)
# and the multiarch ones (/usr/lib/arm-linux-gnueabihf). Programs (python3,
# node, ninja) are the host's.
set(CMAKE_FIND_ROOT_PATH /usr/${KUBOS_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# pkg-config (libarchive): the armhf .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${KUBOS_CROSS_TRIPLE}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

# ctest (and gtest_discover_tests) run the armhf test binaries through
# qemu-user, with the multiarch loader and libraries (/lib/ld-linux-armhf.so.3,
# libc6:armhf, libstdc++6:armhf). Not -L /usr/arm-linux-gnueabihf: that
# prefix's loader is the cross toolchain's glibc (2.36-8cross1) while the
# multiarch libraries (libarchive) pull in libc6:armhf (2.36-9+deb12u*), and
# a binary whose loader and libc differ crashes in its first pthread_create.
find_program(KUBOS_QEMU_ARM qemu-arm)
if(KUBOS_QEMU_ARM)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${KUBOS_QEMU_ARM};-L;/)
endif()
