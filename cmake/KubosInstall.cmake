# `make install DESTDIR=... [PREFIX=/usr | /home/system/usr]`: the OBC layout
# (docs/services.md, "Install"). The layout depends on the prefix given at
# install time (`cmake --install --prefix`), so it is computed then, in
# install(CODE), not when configuring:
#
#   prefix            services       tools          init scripts             config
#   /usr              /usr/sbin      /usr/bin       /etc/init.d              /etc/kubos-config.toml
#   /home/system/usr  .../usr/bin    .../usr/bin    /home/system/etc/init.d  /home/system/etc/config.toml
#   other P           P/bin          P/bin          P/etc/init.d             P/etc/config.toml
#
# Binaries are installed stripped; the debug info split off by objcopy
# (--only-keep-debug, then --add-gnu-debuglink on the stripped copy) goes
# where gdb looks for it: /usr/lib/debug/<path of the binary>.debug for
# PREFIX=/usr, else <directory of the binary>/.debug/<name>.debug (so that a
# /home/system install stays under /home/system).
#
# The example config is made of one fragment per installed service (the
# service folder's config.toml.example, else etc/config.d/<binary>.toml)
# after etc/config.d/00-header.toml: a section only for each service that is
# installed. It is always installed next to the config as <config>.example;
# the config itself only when there is none, so an install never overwrites
# a mission's settings.

set(KUBOS_INIT_TEMPLATE ${CMAKE_SOURCE_DIR}/init/service.in)
set(KUBOS_CONFIG_EXAMPLE ${CMAKE_BINARY_DIR}/etc/config.toml.example)
find_program(KUBOS_OBJCOPY NAMES objcopy ${CMAKE_OBJCOPY})

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
  set(_kdebug_global OFF)
  if(_kp STREQUAL "/usr")
    set(_kdebug_global ON)
  endif()
]=])

# A service binary (core or hardware): sbin for /usr, else bin, plus its
# BusyBox init script S<level><name> passing -c <config> (and ARGS).
function(kubos_install_service target level)
  cmake_parse_arguments(K "" "" "ARGS" ${ARGN})
  string(JOIN " " extra ${K_ARGS})
  set_target_properties(${target} PROPERTIES KUBOS_INSTALLED ON)
  set_property(GLOBAL APPEND PROPERTY KUBOS_INSTALLED_SERVICES ${target})
  install(CODE "${KUBOS_LAYOUT_CODE}
    kubos_install_program(\"$<TARGET_FILE:${target}>\" \"\${_ksbin}\" \${_kdebug_global})
    kubos_write_init(\"${target}\" \"${level}\" \"\${_ksbin}/${target}\" \"\${_kconfig}\" \"\${_kinit}\" \"-c \\\"\\\$CONFIG\\\" ${extra}\")
  ")
endfunction()

# A tool (flags only, no config): bin under the prefix.
function(kubos_install_tool target)
  install(CODE "${KUBOS_LAYOUT_CODE}
    kubos_install_program(\"$<TARGET_FILE:${target}>\" \"\${_kp}/bin\" \${_kdebug_global})
  ")
endfunction()

# A tool started at boot (sim-eps on a development OBC), with literal ARGS.
function(kubos_install_tool_init target level)
  cmake_parse_arguments(K "" "" "ARGS" ${ARGN})
  string(JOIN " " extra ${K_ARGS})
  install(CODE "${KUBOS_LAYOUT_CODE}
    kubos_write_init(\"${target}\" \"${level}\" \"\${_kp}/bin/${target}\" \"\${_kconfig}\" \"\${_kinit}\" \"${extra}\")
  ")
endfunction()

# Defines kubos_install_program() and kubos_write_init() for the install
# scripts (install(CODE) runs before any rule that uses them).
install(CODE "
  function(kubos_install_program src dir global_debug)
    get_filename_component(_n \"\${src}\" NAME)
    if(\"${KUBOS_OBJCOPY}\" STREQUAL \"\" OR \"${KUBOS_OBJCOPY}\" MATCHES \"NOTFOUND\")
      message(WARNING \"objcopy not found: \${_n} installed with its debug info\")
      file(INSTALL DESTINATION \"\${dir}\" TYPE PROGRAM FILES \"\${src}\")
      return()
    endif()
    set(_s \"${CMAKE_BINARY_DIR}/stripped\")
    file(MAKE_DIRECTORY \"\${_s}\")
    execute_process(COMMAND \"${KUBOS_OBJCOPY}\" --only-keep-debug \"\${src}\" \"\${_s}/\${_n}.debug\" RESULT_VARIABLE _r1)
    execute_process(COMMAND \"${KUBOS_OBJCOPY}\" --strip-all \"\${src}\" \"\${_s}/\${_n}\" RESULT_VARIABLE _r2)
    # The link names the debug file and holds its CRC: gdb checks both.
    execute_process(COMMAND \"${KUBOS_OBJCOPY}\" --add-gnu-debuglink=\${_n}.debug \"\${_n}\"
                    WORKING_DIRECTORY \"\${_s}\" RESULT_VARIABLE _r3)
    if(NOT _r1 EQUAL 0 OR NOT _r2 EQUAL 0 OR NOT _r3 EQUAL 0)
      message(FATAL_ERROR \"objcopy failed on \${src} (\${_r1}/\${_r2}/\${_r3})\")
    endif()
    file(INSTALL DESTINATION \"\${dir}\" TYPE PROGRAM FILES \"\${_s}/\${_n}\")
    if(global_debug)
      set(_d \"/usr/lib/debug\${dir}\")
    else()
      set(_d \"\${dir}/.debug\")
    endif()
    file(INSTALL DESTINATION \"\${_d}\" TYPE FILE FILES \"\${_s}/\${_n}.debug\")
  endfunction()

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
  kubos_write_config_example()
endfunction()

# The example config: the header, then each installed service's fragment.
function(kubos_write_config_example)
  file(READ ${CMAKE_SOURCE_DIR}/etc/config.d/00-header.toml text)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/etc/config.d/00-header.toml)
  get_property(services GLOBAL PROPERTY KUBOS_INSTALLED_SERVICES)
  list(SORT services)
  foreach(svc ${services})
    get_target_property(dir ${svc} SOURCE_DIR)
    if(EXISTS ${dir}/config.toml.example)
      set(fragment ${dir}/config.toml.example)
    elseif(EXISTS ${CMAKE_SOURCE_DIR}/etc/config.d/${svc}.toml)
      set(fragment ${CMAKE_SOURCE_DIR}/etc/config.d/${svc}.toml)
    else()
      message(WARNING "${svc}: no config fragment (${dir}/config.toml.example): "
                      "the example config has no section for it")
      continue()
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${fragment})
    file(READ ${fragment} part)
    string(APPEND text "\n" "${part}")
  endforeach()
  file(WRITE ${KUBOS_CONFIG_EXAMPLE}.tmp "${text}")
  # Rewritten only when it changes, so a reconfigure does not touch it.
  file(COPY_FILE ${KUBOS_CONFIG_EXAMPLE}.tmp ${KUBOS_CONFIG_EXAMPLE} ONLY_IF_DIFFERENT)
  file(REMOVE ${KUBOS_CONFIG_EXAMPLE}.tmp)
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

endfunction()
