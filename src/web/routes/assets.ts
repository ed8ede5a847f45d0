import type { FastifyInstance } from 'fastify';
import { boardFontFile, boardFontsCss, FONTS_PATH, localiseBoardFonts } from '../board-fonts.js';
import * as views from '../views.js';
import { isBoardPath } from './board.js';
import { pathOf } from './request.js';

// Static assets: the UI's stylesheet and script, and bull-board's fonts served locally.

export function registerAssets(app: FastifyInstance): void {
  app.get('/assets/app.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(views.CSS),
  );
  app.get(`${FONTS_PATH}/fonts.css`, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(boardFontsCss()),
  );
  app.get(`${FONTS_PATH}/:file`, async (req, reply) => {
    const name = (req.params as { file: string }).file;
    const body = boardFontFile(name);
    if (!body) return reply.code(404).send({ error: 'no such font' });
    return reply
      .type(name.endsWith('.woff2') ? 'font/woff2' : 'font/woff')
      .header('Cache-Control', 'public, max-age=86400')
      .send(body);
  });
  // bull-board's pages load Google Fonts; rewrite them to the copies served above.
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    return isBoardPath(pathOf(req.url)) && type.startsWith('text/html') && typeof payload === 'string'
      ? localiseBoardFonts(payload)
      : payload;
  });
  app.get('/assets/app.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(views.APP_JS),
  );
}
