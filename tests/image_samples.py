"""Image files that carry location, camera and author metadata, and the checks
that read them back (with Pillow and as bytes, independently of the package's own
detection, so a leak fails a test even if the detector misses it)."""

from __future__ import annotations

import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageSequence, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

CITY = "Bamako"
CAMERA = "Secret Phone 12"
COMMENT = b"taken at the safe house"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    f'photoshop:City="{CITY}"/></rdf:RDF></x:xmpmeta>'
).encode()
MARKER = (0, 0, 255)  # a blue square in the top-left corner, to follow orientation
BACKGROUND = (200, 80, 40)
WIDTH, HEIGHT = 64, 32

# Every output format Wagtail's ``format-*`` filter accepts.
RENDITION_FORMATS = ["jpeg", "png", "gif", "webp", "avif", "heic", "ico"]
FOCAL_POINT = ("x", "y", "width", "height")


# --- sample files ----------------------------------------------------------------


def gps_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = CAMERA
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 38.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (8.0, 0.0, 10.0)
    return exif.tobytes()


def picture(mode: str = "RGB", marker=MARKER) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    image.paste(marker, (0, 0, 8, 8))
    return image.convert(mode)


def jpeg_with_metadata(orientation: int | None = 6, **options) -> bytes:
    output = io.BytesIO()
    picture().save(
        output,
        "JPEG",
        exif=gps_exif(orientation),
        xmp=XMP,
        comment=COMMENT,
        quality=90,
        **options,
    )
    return output.getvalue()


def png_with_metadata(orientation: int | None = None) -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Location", f"{CITY} safe house")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    text.add_text("Comment", COMMENT.decode(), zip=True)
    output = io.BytesIO()
    picture().save(output, "PNG", exif=gps_exif(orientation), pnginfo=text)
    return output.getvalue()


def saved(image: Image.Image, image_format: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def assert_no_metadata(content: bytes) -> None:
    """Independent of the package: what Pillow sees and what the bytes contain."""
    for secret in (CITY.encode(), CAMERA.encode(), COMMENT, b"PhoneMaker"):
        assert secret not in content
    with Image.open(io.BytesIO(content)) as image:
        for frame in ImageSequence.Iterator(image):
            frame.load()
            exif = frame.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
            assert len(exif) == 0, dict(exif)
            for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"):
                assert not frame.info.get(key), key
            if image.format == "PNG":
                assert image.text == {}
    for chunk in (b"Exif\x00\x00", b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"XMP "):
        assert chunk not in content


def orientation_marker_corner(content: bytes) -> str:
    with Image.open(io.BytesIO(content)) as image:
        rgb = image.convert("RGB")
        corners = {
            "top-left": (1, 1),
            "top-right": (rgb.width - 2, 1),
            "bottom-left": (1, rgb.height - 2),
            "bottom-right": (rgb.width - 2, rgb.height - 2),
        }
        for name, xy in corners.items():
            if similar_colour(rgb.getpixel(xy), MARKER):
                return name
    return "none"


def similar_colour(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def upload(admin_client, title: str, name: str, content: bytes):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


def assert_consistent(image) -> bytes:
    """The stored file is clean and the image's fields describe it."""
    content = stored_bytes(image.file.name)
    assert_no_metadata(content)
    with Image.open(io.BytesIO(content)) as stored:
        assert (image.width, image.height) == stored.size
    assert image.file_size == len(content) == default_storage.size(image.file.name)
    assert image.file_hash == hash_filelike(io.BytesIO(content))
    return content
