// What the two SDL2 + OpenGL shells share (issue 15): ImGui's SDL2 and OpenGL 3 backends start
// a frame, draw it and take a rebuilt font atlas the same way on the desktop (OpenGL 3) and on
// the web (WebGL2 through Emscripten's GLES 3). Each shell's ui::Backend (native/main.cpp,
// web/main.cpp) calls these and adds what is its own: the clock, the pixel density, saving, and
// on the web the canvas size, touch and the published semantics.
#pragma once

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

namespace pathway::shell {

/// The renderer's and the platform's part of starting a frame, before ImGui::NewFrame.
inline void startImGuiFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
}

/// Draws ImGui's frame over `background` into `window`'s whole drawable; its size in pixels
/// comes back in `width` and `height` (for a screenshot).
inline void drawImGuiFrame(SDL_Window* window, const ImVec4& background, int& width, int& height) {
    width = height = 0;
    SDL_GL_GetDrawableSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(background.x, background.y, background.z, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

/// The font atlas was built again (another text size or density): upload its texture again.
inline void uploadFontAtlas() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

} // namespace pathway::shell
