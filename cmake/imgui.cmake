# Dear ImGui 1.90.1 from Debian's source package (fetched by scripts/setup.sh), compiled the
# same way for every target so the desktop and the web run one version.
if(NOT EXISTS ${PATHWAY_IMGUI_DIR}/imgui.h)
    message(FATAL_ERROR "Dear ImGui source not found in ${PATHWAY_IMGUI_DIR}: run scripts/setup.sh (make setup).")
endif()

add_library(imgui STATIC
    ${PATHWAY_IMGUI_DIR}/imgui.cpp
    ${PATHWAY_IMGUI_DIR}/imgui_draw.cpp
    ${PATHWAY_IMGUI_DIR}/imgui_tables.cpp
    ${PATHWAY_IMGUI_DIR}/imgui_widgets.cpp
    ${PATHWAY_IMGUI_DIR}/imgui_demo.cpp
    ${PATHWAY_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${PATHWAY_IMGUI_DIR} ${PATHWAY_IMGUI_DIR}/misc/cpp)
# IMGUI_USE_WCHAR32: code points past U+FFFF (emoji, CJK extension B) need 32-bit ImWchar.
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_KEYIO
                                         IMGUI_USE_WCHAR32)

# The platform backends (SDL2 + OpenGL 3 / WebGL2) belong to the shells, never to pathway_ui.
if(NOT PATHWAY_CORE_ONLY)
    if(EMSCRIPTEN)
        set(PATHWAY_SDL2_DIR "${PATHWAY_DEPS_DIR}/wasm/sdl2-2.26.5" CACHE PATH "SDL2 built for wasm")
        if(NOT EXISTS ${PATHWAY_SDL2_DIR}/include/SDL2/SDL.h)
            message(FATAL_ERROR "SDL2 for wasm not found in ${PATHWAY_SDL2_DIR}: run scripts/setup.sh (make setup).")
        endif()
        add_library(pathway_sdl2 INTERFACE)
        target_include_directories(pathway_sdl2 SYSTEM INTERFACE ${PATHWAY_SDL2_DIR}/include ${PATHWAY_SDL2_DIR}/include/SDL2)
        target_link_libraries(pathway_sdl2 INTERFACE ${PATHWAY_SDL2_DIR}/lib/libSDL2.a)
    else()
        find_package(SDL2 REQUIRED)
        find_package(OpenGL REQUIRED)
        add_library(pathway_sdl2 INTERFACE)
        target_link_libraries(pathway_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
    endif()
    add_library(imgui_backend STATIC
        ${PATHWAY_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp
        ${PATHWAY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
    target_include_directories(imgui_backend SYSTEM PUBLIC ${PATHWAY_IMGUI_DIR}/backends)
    target_link_libraries(imgui_backend PUBLIC imgui pathway_sdl2)
endif()
