# cmake -DWEB_DIR=build/web -DTEMPLATE=web/sw.js.in -P web/stamp_sw.cmake
# Writes WEB_DIR/sw.js with @PATHWAY_WEB_VERSION@ = a hash of the files the worker caches
# (configure_file rewrites it only when the version changes).
file(GLOB files LIST_DIRECTORIES false ${WEB_DIR}/*)
list(FILTER files EXCLUDE REGEX "/sw\\.js$")
list(SORT files)
set(all "")
foreach(f IN LISTS files)
    file(SHA256 ${f} h)
    get_filename_component(n ${f} NAME)
    string(APPEND all "${n}:${h}\n")
endforeach()
string(SHA256 version "${all}")
string(SUBSTRING ${version} 0 16 PATHWAY_WEB_VERSION)
configure_file(${TEMPLATE} ${WEB_DIR}/sw.js @ONLY)
