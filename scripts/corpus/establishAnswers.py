#!/usr/bin/python3
"""
Establishes, once, what independent decoders make of every file in the public test corpus
(../shared/corpus beside the repository; see its README), so the corpus suite
(test/corpus/corpus.test.ts) can judge the package's own readers against them.

Run with Debian's Python, which has Debian's Pillow (python3-pil):

    /usr/bin/python3 scripts/corpus/establishAnswers.py > test/corpus/expected.json

Tools (all Debian packages): ImageMagick (imagemagick: identify, convert), Pillow (python3-pil),
poppler (poppler-utils: pdfinfo, pdfimages), qpdf, MuPDF (mupdf-tools: mutool).

Images: whether ImageMagick and Pillow each decode the first picture to pixels (a warning is not a
failure, as neither stops on one), and the format and size each reports.
PDFs: the page count (pdfinfo, mutool), qpdf --check's verdict, per page the pictures MuPDF
draws (mutool trace, inline images too: which picture belongs to which page, since a content
stream names what it draws; a damaged content stream draws what comes before the damage), and
the pictures poppler lists (pdfimages -list) with whether Pillow or ImageMagick decode each once
extracted (pdfimages -all).
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings

from PIL import Image, features

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'corpus'))
TIMEOUT = 60
IDENTIFY = '/usr/bin/identify'
CONVERT = '/usr/bin/convert'

# Pillow's default bomb guard stays on (a picture above 2 x 89 million pixels is refused), as
# ImageMagick's resource limits do: both decoders as a user has them.
warnings.simplefilter('ignore')


def run(args, **kwargs):
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, **kwargs)
        return done.returncode, done.stdout.decode('latin1'), done.stderr.decode('latin1')
    except subprocess.TimeoutExpired:
        return -1, '', 'timeout'


def first_line(text):
    return text.strip().splitlines()[0] if text.strip() else ''


def messages(text):
    """Every distinct message a tool printed, the file's path left out (it is the key already)."""
    lines = []
    for line in text.strip().splitlines():
        line = re.sub(r" `[^']*'", '', line).replace(ROOT + '/', '').strip()
        if line and line not in lines:
            lines.append(line)
    return ' | '.join(lines)[:400]


def pillow(path):
    try:
        with Image.open(path) as image:
            fmt, (width, height) = image.format, image.size
            image.load()
            return {'decodes': True, 'format': fmt, 'width': width, 'height': height}
    except Exception as error:  # any refusal: the point is whether it decodes
        text = first_line(f'{type(error).__name__}: {error}').replace(f" '{path}'", '')
        return {'decodes': False, 'error': text[:200]}


def imagemagick(path):
    status, out, err = run([IDENTIFY, '-format', '%m %w %h\\n', path + '[0]'])
    header = out.split() if status == 0 else []
    # Decoding to pixels, not just the header: convert writes them to nowhere.
    status, _, err = run([CONVERT, path + '[0]', 'null:'])
    result = {'decodes': status == 0}
    if len(header) >= 3:
        result.update({'format': header[0], 'width': int(header[1]), 'height': int(header[2])})
    if err.strip():
        result['warning' if status == 0 else 'error'] = messages(err)
    return result


def image_answer(path):
    return {'imagemagick': imagemagick(path), 'pillow': pillow(path)}


IMAGE_LIST = re.compile(r'^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+)')


def extracted_decodes(folder, page, number):
    """Whether the picture pdfimages wrote for (page, number) decodes in Pillow or ImageMagick."""
    prefix = f'img-{page:03d}-{number:03d}.'
    for name in sorted(os.listdir(folder)):
        if name.startswith(prefix):
            path = os.path.join(folder, name)
            answer = image_answer(path)
            return answer['pillow']['decodes'] or answer['imagemagick']['decodes']
    return None


def pdf_answer(path):
    answer = {}
    status, out, err = run(['pdfinfo', path])
    pages = re.search(r'^Pages:\s+(\d+)', out, re.M)
    answer['pdfinfo'] = {'pages': int(pages.group(1)) if status == 0 and pages else None}
    if status != 0:
        answer['pdfinfo']['error'] = first_line(err)[:200]
    answer['pdfinfo']['encrypted'] = bool(re.search(r'^Encrypted:\s+yes', out, re.M))
    status, out, err = run(['qpdf', '--check', path])
    # qpdf: 0 fine, 2 errors, 3 warnings only.
    answer['qpdf'] = {'status': status, 'verdict': {0: 'ok', 2: 'errors', 3: 'warnings'}.get(status, 'failed')}
    status, out, err = run(['mutool', 'info', path])
    pages = re.search(r'^Pages:\s+(\d+)', out, re.M)
    answer['mutool'] = {'pages': int(pages.group(1)) if pages else None}
    status, out, err = run(['pdfimages', '-list', path])
    images = []
    with tempfile.TemporaryDirectory() as folder:
        run(['pdfimages', '-p', '-all', path, os.path.join(folder, 'img')])
        for line in out.splitlines()[2:]:
            m = IMAGE_LIST.match(line)
            if not m:
                continue
            page, number = int(m.group(1)), int(m.group(2))
            images.append({
                'page': page,
                'type': m.group(3),
                'width': int(m.group(4)),
                'height': int(m.group(5)),
                'color': m.group(6),
                'bpc': int(m.group(8)),
                'enc': m.group(9),
                'object': int(m.group(11)),
                'decodes': extracted_decodes(folder, page, number),
            })
    answer['pdfimages'] = {'images': images}
    answer['mutool'].update(drawn_pictures(path))
    if err.strip():
        answer['pdfimages']['warning'] = messages(err)
    return answer


TRACE_PAGE = re.compile(r'^<page number="(\d+)"')
TRACE_IMAGE = re.compile(r'^<fill_image .*width="(\d+)" height="(\d+)"')
# A soft mask (ISO 32000-1 §11.6.5) or a tiling pattern (§8.7.3) paints a shape or a texture
# through which the page is drawn: pictures drawn there are no photo of the page.
MASK_OPEN = re.compile(r'^<(clip_mask|tile)\b')
MASK_CLOSE = re.compile(r'^</(clip_mask|tile)>')


def drawn_pictures(path):
    """Per page, the pictures MuPDF draws (mutool trace), inline images and annotations'
    pictures too; "inMask" when drawn inside a soft mask or a tiling pattern."""
    status, out, err = run(['mutool', 'trace', path])
    pages = {}
    page = None
    masks = 0
    for line in out.splitlines():
        line = line.strip()
        m = TRACE_PAGE.match(line)
        if m:
            page, masks = int(m.group(1)), 0
            pages[page] = []
            continue
        if MASK_OPEN.match(line) and not line.endswith('/>'):
            masks += 1
        elif MASK_CLOSE.match(line):
            masks = max(0, masks - 1)
        m = TRACE_IMAGE.match(line)
        if m and page is not None:
            pages[page].append({'width': int(m.group(1)), 'height': int(m.group(2)), 'inMask': masks > 0})
    result = {'drawn': {str(k): v for k, v in pages.items()}}
    if err.strip():
        result['warning'] = messages(err)
    return result


def version(args, pattern):
    status, out, err = run(args)
    found = re.search(pattern, out + err)
    return found.group(0) if found else 'missing'


def main():
    if not os.path.isdir(ROOT):
        sys.exit(f'The corpus is not at {ROOT}; it is read in place from ../shared/corpus beside the repository.')
    files = {}
    for folder in sorted(os.listdir(ROOT)):
        where = os.path.join(ROOT, folder)
        if not os.path.isdir(where):
            continue
        for name in sorted(os.listdir(where)):
            relative = f'{folder}/{name}'
            print(relative, file=sys.stderr)
            path = os.path.join(where, name)
            files[relative] = pdf_answer(path) if folder == 'pdf' else image_answer(path)
    tools = {
        'imagemagick': version([IDENTIFY, '-version'], r'ImageMagick [\d.-]+'),
        'pillow': f'Pillow {Image.__version__} (libjpeg {features.version("jpg")}, zlib {features.version("zlib")})',
        'pdfinfo': version(['pdfinfo', '-v'], r'pdfinfo version [\d.]+'),
        'pdfimages': version(['pdfimages', '-v'], r'pdfimages version [\d.]+'),
        'qpdf': version(['qpdf', '--version'], r'qpdf version [\d.]+'),
        'mutool': version(['mutool', '-v'], r'mutool version [\d.]+'),
    }
    print(json.dumps({
        'note': 'What independent decoders make of each file of ../shared/corpus, made once by '
                'scripts/corpus/establishAnswers.py with the tools below (Debian 12 packages); '
                'test/corpus/corpus.test.ts judges the readers against it.',
        'made': datetime.date.today().isoformat(),
        'tools': tools,
        'files': files,
    }, indent='\t', sort_keys=False))


if __name__ == '__main__':
    main()
