/** Where the real browsers are. Debian's packages by default; CHROMIUM_PATH / FIREFOX_PATH override. */
import { existsSync } from 'node:fs';

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const firefoxPath = () => process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const hasChromium = () => existsSync(chromiumPath());
export const hasFirefox = () => existsSync(firefoxPath());
