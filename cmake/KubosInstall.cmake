# `make install DESTDIR=... [PREFIX=/usr | /home/system/usr]`: the OBC layout
# (seed 000, CONTRACT.md section 1). The layout depends on the prefix given at
# install time (`cmake --install --prefix`), so it is computed then, in
# install(CODE), not when configuring:
#
#   prefix            services       tools          init scripts             config
#   /usr              /usr/sbin      /usr/bin       /etc/init.d              /etc/kubos-config.toml
#   /home/system/usr  .../usr/bin    .../usr/bin    /home/system/etc/init.d  /home/system/etc/config.toml
#   other P           P/bin          P/bin          P/etc/init.d             P/etc/config.toml
#
# The example config (every service's section) is always installed next to
# the config as <config>.example; the config itself only when there is none,
# so an install never overwrites a mission's settings.

set(KUBOS_INIT_TEMPLATE ${CMAKE_SOURCE_DIR}/init/service.in)
set(KUBOS_CONFIG_EXAMPLE ${CMAKE_SOURCE_DIR}/etc/config.toml.example)

# Shared install-time prologue: derives the layout from CMAKE_INSTALL_PREFIX.
set(KUBOS_LAYOUT_CODE [=[
  set(_kp "${CMAKE_INSTALL_PREFIX}")
  string(REGEX REPLACE "/+$" "" _kp "${_kp}")
  if(_kp MATCHES "^(.*)/usr$")
    set(_kroot "${CMAKE_MATCH_1}")
  else()
    set(_kroot "${_kp}")
  endif()
  if(_kp STREQUAL "/usr")
    set(_ksbin "/usr/sbin")
    set(_kconfig "/etc/kubos-config.toml")
  else()
    set(_ksbin "${_kp}/bin")
    set(_kconfig "${_kroot}/etc/config.toml")
  endif()
  set(_kinit "${_kroot}/etc/init.d")
]=])

# A service binary (core or hardware): sbin for /usr, else bin, plus its
# BusyBox init script S<level><name> passing -c <config> (and ARGS).
function(kubos_install_service target level)
  cmake_parse_arguments(K "" "" "ARGS" ${ARGN})
  string(JOIN " " extra ${K_ARGS})
  set_target_properties(${target} PROPERTIES KUBOS_INSTALLED ON)
  install(CODE "${KUBOS_LAYOUT_CODE}
    file(INSTALL DESTINATION \"\${_ksbin}\" TYPE PROGRAM FILES \"$<TARGET_FILE:${target}>\")
    kubos_write_init(\"${target}\" \"${level}\" \"\${_ksbin}/${target}\" \"\${_kconfig}\" \"\${_kinit}\" \"-c \\\"\\\$CONFIG\\\" ${extra}\")
  ")
endfunction()

# A tool (flags only, no config): bin under the prefix.
function(kubos_install_tool target)
  install(TARGETS ${target} RUNTIME DESTINATION bin)
endfunction()

# A tool started at boot (sim-eps on a development OBC), with literal ARGS.
function(kubos_install_tool_init target level)
  cmake_parse_arguments(K "" "" "ARGS" ${ARGN})
  string(JOIN " " extra ${K_ARGS})
  install(CODE "${KUBOS_LAYOUT_CODE}
    kubos_write_init(\"${target}\" \"${level}\" \"\${_kp}/bin/${target}\" \"\${_kconfig}\" \"\${_kinit}\" \"${extra}\")
  ")
endfunction()

# Defines kubos_write_init() for the install scripts, then installs the config.
install(CODE "
  function(kubos_write_init name level prog config initdir args)
    file(READ \"${KUBOS_INIT_TEMPLATE}\" _t)
    set(NAME \"\${name}\")
    set(SCRIPT \"S\${level}\${name}\")
    set(PROG \"\${prog}\")
    set(CONFIG \"\${config}\")
    set(ARGS \"\${args}\")
    string(CONFIGURE \"\${_t}\" _t @ONLY)
    set(_tmp \"${CMAKE_BINARY_DIR}/init-scripts/S\${level}\${name}\")
    file(WRITE \"\${_tmp}\" \"\${_t}\")
    file(INSTALL DESTINATION \"\${initdir}\" TYPE PROGRAM FILES \"\${_tmp}\")
  endfunction()
")
install(CODE "${KUBOS_LAYOUT_CODE}
  get_filename_component(_kcdir \"\${_kconfig}\" DIRECTORY)
  get_filename_component(_kcname \"\${_kconfig}\" NAME)
  file(INSTALL DESTINATION \"\${_kcdir}\" TYPE FILE RENAME \"\${_kcname}.example\" FILES \"${KUBOS_CONFIG_EXAMPLE}\")
  if(NOT EXISTS \"\$ENV{DESTDIR}\${_kconfig}\")
    file(INSTALL DESTINATION \"\${_kcdir}\" TYPE FILE RENAME \"\${_kcname}\" FILES \"${KUBOS_CONFIG_EXAMPLE}\")
  else()
    message(STATUS \"Kept: \$ENV{DESTDIR}\${_kconfig} (example installed as \${_kcname}.example)\")
  endif()
")

# Called once at the end of the top-level CMakeLists: installs what is built
# and has no install rule of its own (services written before this helper),
# with init scripts at KubOS's levels (90 for services, sim-eps before the
# service that talks to it). New services call kubos_install_service()
# themselves (see services/sim-eps-service/CMakeLists.txt).
function(kubos_install_known)
  foreach(svc kubos-app-service local-comms-service)
    if(TARGET ${svc})
      get_target_property(done ${svc} KUBOS_INSTALLED)
      if(NOT done)
        kubos_install_service(${svc} 90)
      endif()
    endif()
  endforeach()
  foreach(tool graphql-exec comms-client)
    if(TARGET ${tool})
      kubos_install_tool(${tool})
    endif()
  endforeach()
  if(TARGET sim-eps)
    kubos_install_tool(sim-eps)
    # $ROOT is the script's KUBOS_ROOT (empty on the OBC): /tmp/sim-eps-tty.
    kubos_install_tool_init(sim-eps 80 ARGS --link $ROOT/tmp/sim-eps-tty)
  endif()
endfunction()
