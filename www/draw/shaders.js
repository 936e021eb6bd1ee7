// GLSL for webgl.js: ties as lines, firms as point sprites shaded round
// (flash level and halo, or phase colour and clock hand, computed here from
// the release age or phase of each firm), coordinators as point sprites
// shaded as outlined diamonds with their roadmap ring. Every size, timing
// and colour comes from look.js and palette.js, as in canvas.js. Lengths are
// CSS pixels; u_pixel is one device pixel in CSS pixels, the width of the
// antialiased edge.
import {
  RISE_S,
  FADE_S,
  HALO_ALPHA,
  HALO_GROW,
  HALO_GROW_PER_LEVEL,
  CALM_GROW,
  HAND_MIN_RADIUS,
  HAND_LENGTH,
  OUTLINE_WIDTH,
  ROADMAP_GAP,
  ROADMAP_WIDTH,
} from './look.js';
import { FIRM_AT_REST, FIRM_RELEASING, HAND, COORDINATOR_OUTLINE, ROADMAP, PHASE_STEPS, rgba } from './palette.js';

const f = (x) => (Number.isInteger(x) ? `${x}.0` : String(x));
const rgb = ([r, g, b]) => `vec3(${f(r / 255)}, ${f(g / 255)}, ${f(b / 255)})`;

// Layout position -> CSS pixels -> clip space (y down, as a 2D canvas).
const PLACE = `
uniform vec2 u_offset;
uniform float u_scale;
uniform vec2 u_size;
vec4 clip(vec2 px) { return vec4(px.x / u_size.x * 2.0 - 1.0, 1.0 - px.y / u_size.y * 2.0, 0.0, 1.0); }
vec2 place(vec2 unit) { return u_offset + unit * u_scale; }`;

// flashLevel of look.js, on a release age in cycles.
const FLASH = `
uniform float u_speed;
float flashLevel(float ageCycles) {
  float s = ageCycles / u_speed;
  if (!(s >= 0.0) || s >= ${f(RISE_S + FADE_S)}) return 0.0;
  if (s < ${f(RISE_S)}) return 0.6 + 0.4 * s / ${f(RISE_S)};
  float k = 1.0 - (s - ${f(RISE_S)}) / ${f(FADE_S)};
  return k * k;
}`;

const FRAGMENT_HEAD = `#version 300 es
precision highp float;
uniform float u_pixel;
uniform sampler2D u_phases;
out vec4 o_colour;
// Coverage of a pixel at distance d by a shape whose edge is at distance edge.
float cover(float edge, float d) { return clamp((edge - d) / u_pixel + 0.5, 0.0, 1.0); }
// phaseColour of palette.js: the ramp's texel for phase phi.
vec3 phaseColour(float phi) {
  int i = int(floor(phi * ${f(PHASE_STEPS)})) % ${PHASE_STEPS};
  return texelFetch(u_phases, ivec2(i < 0 ? i + ${PHASE_STEPS} : i, 0), 0).rgb;
}
// flashColour of palette.js, rounded to whole levels as a 2D canvas is.
vec3 flashColour(float level) {
  return floor(mix(${rgb(FIRM_AT_REST)}, ${rgb(FIRM_RELEASING)}, level) * 255.0 + 0.5) / 255.0;
}
// Premultiplied "a over b".
vec4 over(vec4 a, vec4 b) { return a + b * (1.0 - a.a); }`;

export const TIE_VERTEX = `#version 300 es
layout(location = 0) in vec2 a_position;
${PLACE}
void main() { gl_Position = clip(place(a_position)); }`;

export const TIE_FRAGMENT = `#version 300 es
precision mediump float;
uniform vec4 u_colour;
out vec4 o_colour;
void main() { o_colour = u_colour; }`;

// A point sprite's side in device pixels for a shape reaching `reach` CSS
// pixels from its centre (and one more device pixel for the antialiased edge).
// What both point programs (firms, coordinators) declare: placement, flash
// level, the sprite's size in pixels and what they pass to their fragments.
const POINT_HEAD = `${PLACE}
${FLASH}
uniform float u_pixel;
uniform bool u_calm;
uniform float u_maxPoint;
float sprite(float reach) { return min(ceil(2.0 * (reach / u_pixel + 1.0)), u_maxPoint); }
flat out float v_half;
flat out float v_value;
flat out float v_level;`;

// One point per firm; coordinators (a_skip = 1) are left to their own pass.
export const FIRM_VERTEX = `#version 300 es
layout(location = 0) in vec2 a_position;
layout(location = 1) in float a_value;
layout(location = 2) in float a_skip;
uniform float u_radius;
${POINT_HEAD}
void main() {
  float level = u_calm ? 0.0 : flashLevel(a_value);
  float reach = u_calm ? u_radius * ${f(CALM_GROW)}
    : u_radius * (level > 0.0 ? ${f(HALO_GROW)} + ${f(HALO_GROW_PER_LEVEL)} * level : 1.0);
  gl_PointSize = sprite(reach);
  v_half = 0.5 * gl_PointSize * u_pixel;
  v_value = a_value;
  v_level = level;
  gl_Position = a_skip > 0.5 ? vec4(2.0, 2.0, 2.0, 1.0) : clip(place(a_position));
}`;

const HAND_RGBA = rgba(HAND);

export const FIRM_FRAGMENT = `${FRAGMENT_HEAD}
uniform float u_radius;
uniform bool u_calm;
flat in float v_half;
flat in float v_value;
flat in float v_level;
void main() {
  vec2 v_local = (gl_PointCoord * 2.0 - 1.0) * v_half; // CSS pixels from the centre, y down
  float d = length(v_local);
  if (u_calm) {
    // Phase colour, and a clock hand (a round-capped stroke) pointing at the phase.
    float r = u_radius * ${f(CALM_GROW)};
    vec3 c = phaseColour(v_value);
    if (r >= ${f(HAND_MIN_RADIUS)}) {
      float angle = 6.283185307 * v_value - 1.570796327;
      vec2 tip = ${f(HAND_LENGTH)} * r * vec2(cos(angle), sin(angle));
      vec2 toward = v_local - tip * clamp(dot(v_local, tip) / dot(tip, tip), 0.0, 1.0);
      float hand = cover(0.5 * max(1.2, r / 4.0), length(toward)) * ${f(HAND_RGBA[3])};
      c = mix(c, ${rgb(HAND_RGBA)}, hand);
    }
    float a = cover(r, d);
    o_colour = vec4(c * a, a);
  } else {
    float a = cover(u_radius, d);
    vec4 disc = vec4(flashColour(v_level) * a, a);
    float halo = v_level > 0.0
      ? cover(u_radius * (${f(HALO_GROW)} + ${f(HALO_GROW_PER_LEVEL)} * v_level), d) * ${f(HALO_ALPHA)} * v_level : 0.0;
    o_colour = over(disc, vec4(${rgb(FIRM_RELEASING)} * halo, halo));
  }
  if (o_colour.a <= 0.0) discard;
}`;

// One point per coordinator, placed in CSS pixels by the caller.
export const COORDINATOR_VERTEX = `#version 300 es
layout(location = 0) in vec2 a_centre;
layout(location = 1) in float a_value;
uniform float u_reach;
${POINT_HEAD}
void main() {
  gl_PointSize = sprite(u_reach);
  v_half = 0.5 * gl_PointSize * u_pixel;
  v_value = a_value;
  v_level = u_calm ? 0.0 : flashLevel(a_value);
  gl_Position = clip(a_centre);
}`;

export const COORDINATOR_FRAGMENT = `${FRAGMENT_HEAD}
uniform float u_r;
uniform float u_roadmap;  // share of the planned cycle; < 0: no ring
uniform bool u_calm;
flat in float v_half;
flat in float v_value;
flat in float v_level;
void main() {
  vec2 v_local = (gl_PointCoord * 2.0 - 1.0) * v_half;
  // Distance to the diamond's edge, across it: a stroke of width w is |sd| <= w / 2.
  float sd = (abs(v_local.x) + abs(v_local.y) - u_r) * 0.7071067812;
  vec3 fill = u_calm ? phaseColour(v_value) : flashColour(v_level);
  float inside = cover(0.0, sd);
  float outline = cover(${f(OUTLINE_WIDTH / 2)}, abs(sd));
  vec4 c = over(vec4(${rgb(rgba(COORDINATOR_OUTLINE))} * outline, outline), vec4(fill * inside, inside));
  if (u_roadmap > 0.0) {
    // The ring from twelve o'clock, clockwise, over the share done.
    float ringR = u_r + ${f(ROADMAP_GAP)};
    float t = mod(atan(v_local.y, v_local.x) + 1.570796327, 6.283185307);
    float ring = cover(${f(ROADMAP_WIDTH / 2)}, abs(length(v_local) - ringR))
      * clamp((u_roadmap * 6.283185307 - t) * ringR / u_pixel + 0.5, 0.0, 1.0);
    c = over(vec4(${rgb(rgba(ROADMAP))} * ring, ring), c);
  }
  o_colour = c;
  if (o_colour.a <= 0.0) discard;
}`;
