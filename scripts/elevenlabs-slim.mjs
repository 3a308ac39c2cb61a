/**
 * esbuild plugin: bundle @elevenlabs/elevenlabs-js's phone-numbers client with only the serializers it uses.
 *
 * The SDK's generated clients each import the whole serialization index (every schema of every ElevenLabs
 * API) and the whole api index; esbuild cannot tree-shake CommonJS, so src/core/partners/elevenlabs would
 * pull 6.2 MB into dist for five endpoints. This plugin resolves those two imports, for the phone-numbers
 * client only, to elevenlabs-slim-serialization.mjs (the serializers PhoneNumbersClient references) and to
 * the SDK's api/errors index. The client's code runs unchanged. test/build/partners-bundle.test.ts bundles
 * the client through this plugin, checks that every `serializers.…` reference in the SDK's Client.js
 * resolves in the shim (an SDK upgrade that adds one fails the test), and drives the bundle against the
 * ElevenLabs stand-in.
 *
 * node-fetch is left external: the SDK imports it only on Node < 18, and exotrunk needs Node >= 20.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const CLIENT = /@elevenlabs[\\/]elevenlabs-js[\\/]api[\\/]resources[\\/]conversationalAi[\\/]resources[\\/]phoneNumbers[\\/]client[\\/]Client\.js$/;
export const ELEVENLABS_SLIM_SHIM = fileURLToPath(new URL('./elevenlabs-slim-serialization.mjs', import.meta.url));

export const elevenlabsSlim = {
  name: 'elevenlabs-slim',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/serialization\/index$/ }, (args) => (CLIENT.test(args.importer) ? { path: ELEVENLABS_SLIM_SHIM } : undefined));
    b.onResolve({ filter: /^\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/index$/ }, (args) =>
      CLIENT.test(args.importer) ? { path: require.resolve('@elevenlabs/elevenlabs-js/api/errors/index.js') } : undefined,
    );
    b.onResolve({ filter: /^node-fetch$/ }, (args) => (/@elevenlabs[\\/]elevenlabs-js/.test(args.importer) ? { path: 'node-fetch', external: true } : undefined));
  },
};
