/*
 * The faceless tool (wagtail_defenders/admin/faceless.html): rectangles drawn,
 * moved, resized and removed over the picture, kept in the form's hidden
 * "regions" field as JSON in pixels of the original; Preview posts the form to
 * the preview view and shows the image it answers. No library, no network but
 * the package's own views.
 */
(function () {
    "use strict";

    var form = document.querySelector("[data-faceless-form]");
    if (!form) {
        return;
    }
    var stage = form.querySelector("[data-faceless-stage]");
    var picture = form.querySelector("[data-faceless-picture]");
    var input = form.querySelector("input[name=regions]");
    var list = form.querySelector("[data-faceless-list]");
    var none = form.querySelector("[data-faceless-none]");
    var errors = form.querySelector("[data-faceless-errors]");
    var preview = form.querySelector("[data-faceless-preview]");
    var previewEmpty = form.querySelector("[data-faceless-preview-empty]");
    var width = Number(form.dataset.width);
    var height = Number(form.dataset.height);
    var maxRegions = Number(form.dataset.maxRegions);
    var MIN_SIZE = 4;
    // Words from the template, in the editor's language.
    var words = {
        region: form.dataset.labelRegion || "Region",
        remove: form.dataset.labelRemove || "Remove",
        size: form.dataset.labelSize || "pixels at",
        failed: form.dataset.labelFailed || "The preview failed.",
    };

    var regions = [];
    try {
        regions = JSON.parse(input.value || "[]").filter(function (r) {
            return r && typeof r.x === "number";
        });
    } catch (error) {
        regions = [];
    }

    function clamp(value, low, high) {
        return Math.min(Math.max(value, low), high);
    }

    // Whole pixels inside the picture, at least MIN_SIZE wide and high.
    function tidy(region) {
        var w = clamp(Math.round(region.width), MIN_SIZE, width);
        var h = clamp(Math.round(region.height), MIN_SIZE, height);
        return {
            x: clamp(Math.round(region.x), 0, width - w),
            y: clamp(Math.round(region.y), 0, height - h),
            width: w,
            height: h,
        };
    }

    // Pointer position in pixels of the original.
    function toPicture(event) {
        var box = picture.getBoundingClientRect();
        return {
            x: clamp(((event.clientX - box.left) / box.width) * width, 0, width),
            y: clamp(((event.clientY - box.top) / box.height) * height, 0, height),
        };
    }

    function save() {
        input.value = JSON.stringify(regions);
    }

    function label(index) {
        return words.region + " " + (index + 1);
    }

    function render(focusIndex) {
        save();
        stage.querySelectorAll(".faceless__region").forEach(function (node) {
            node.remove();
        });
        list.textContent = "";
        regions.forEach(function (region, index) {
            var node = document.createElement("div");
            node.className = "faceless__region";
            node.tabIndex = 0;
            node.dataset.index = String(index);
            node.setAttribute("role", "group");
            node.setAttribute("aria-label", label(index));
            node.style.left = (region.x / width) * 100 + "%";
            node.style.top = (region.y / height) * 100 + "%";
            node.style.width = (region.width / width) * 100 + "%";
            node.style.height = (region.height / height) * 100 + "%";
            var tag = document.createElement("span");
            tag.className = "faceless__region-label";
            tag.textContent = String(index + 1);
            var handle = document.createElement("span");
            handle.className = "faceless__handle";
            handle.dataset.handle = "resize";
            node.appendChild(tag);
            node.appendChild(handle);
            stage.appendChild(node);

            var item = document.createElement("li");
            item.textContent =
                label(index) + ": " + region.width + " × " + region.height + " " +
                words.size + " " + region.x + ", " + region.y + " ";
            var remove = document.createElement("button");
            remove.type = "button";
            remove.className = "button button-small button-secondary no";
            remove.textContent = words.remove;
            remove.setAttribute("aria-label", words.remove + ": " + label(index));
            remove.addEventListener("click", function () {
                regions.splice(index, 1);
                render();
            });
            item.appendChild(remove);
            list.appendChild(item);
            if (index === focusIndex) {
                node.focus();
            }
        });
        none.hidden = regions.length > 0;
    }

    // Drawing, moving and resizing with a mouse, pen or finger.
    var drag = null;
    stage.addEventListener("pointerdown", function (event) {
        if (event.button !== 0) {
            return;
        }
        var point = toPicture(event);
        var node = event.target.closest(".faceless__region");
        if (node) {
            var index = Number(node.dataset.index);
            drag = {
                index: index,
                mode: event.target.dataset.handle === "resize" ? "resize" : "move",
                start: point,
                original: Object.assign({}, regions[index]),
            };
        } else {
            if (regions.length >= maxRegions) {
                return;
            }
            regions.push({ x: point.x, y: point.y, width: 0, height: 0 });
            drag = { index: regions.length - 1, mode: "draw", start: point };
        }
        stage.setPointerCapture(event.pointerId);
        event.preventDefault();
    });
    stage.addEventListener("pointermove", function (event) {
        if (!drag) {
            return;
        }
        var point = toPicture(event);
        var region = regions[drag.index];
        if (drag.mode === "draw") {
            region.x = Math.min(point.x, drag.start.x);
            region.y = Math.min(point.y, drag.start.y);
            region.width = Math.abs(point.x - drag.start.x);
            region.height = Math.abs(point.y - drag.start.y);
        } else if (drag.mode === "move") {
            region.x = drag.original.x + point.x - drag.start.x;
            region.y = drag.original.y + point.y - drag.start.y;
            regions[drag.index] = tidy(region);
        } else {
            region.width = drag.original.width + point.x - drag.start.x;
            region.height = drag.original.height + point.y - drag.start.y;
            regions[drag.index] = tidy(region);
        }
        var node = stage.querySelector('[data-index="' + drag.index + '"]');
        if (node) {
            var shown = regions[drag.index];
            node.style.left = (shown.x / width) * 100 + "%";
            node.style.top = (shown.y / height) * 100 + "%";
            node.style.width = (shown.width / width) * 100 + "%";
            node.style.height = (shown.height / height) * 100 + "%";
        } else {
            render();
        }
    });
    function endDrag() {
        if (!drag) {
            return;
        }
        var index = drag.index;
        var region = regions[index];
        if (drag.mode === "draw" && (region.width < 2 || region.height < 2)) {
            regions.splice(index, 1); // a click, not a drag
            index = -1;
        } else {
            regions[index] = tidy(region);
        }
        drag = null;
        render(index);
    }
    stage.addEventListener("pointerup", endDrag);
    stage.addEventListener("pointercancel", endDrag);

    // The keyboard: arrows move, Shift+arrows resize, Delete removes.
    stage.addEventListener("keydown", function (event) {
        var node = event.target.closest(".faceless__region");
        if (!node) {
            return;
        }
        var index = Number(node.dataset.index);
        var region = Object.assign({}, regions[index]);
        var step = Math.max(1, Math.round(Math.max(width, height) / 100));
        var moves = {
            ArrowLeft: [-step, 0],
            ArrowRight: [step, 0],
            ArrowUp: [0, -step],
            ArrowDown: [0, step],
        };
        if (event.key === "Delete" || event.key === "Backspace") {
            regions.splice(index, 1);
            render();
        } else if (moves[event.key]) {
            var dx = moves[event.key][0];
            var dy = moves[event.key][1];
            if (event.shiftKey) {
                region.width += dx;
                region.height += dy;
            } else {
                region.x += dx;
                region.y += dy;
            }
            regions[index] = tidy(region);
            render(index);
        } else {
            return;
        }
        event.preventDefault();
    });

    form.querySelector("[data-faceless-add]").addEventListener("click", function () {
        if (regions.length >= maxRegions) {
            return;
        }
        var size = Math.round(Math.min(width, height) / 4);
        regions.push(tidy({ x: (width - size) / 2, y: (height - size) / 2, width: size, height: size }));
        render(regions.length - 1);
    });

    function showErrors(messages) {
        errors.textContent = "";
        messages.forEach(function (message) {
            var line = document.createElement("p");
            line.textContent = message;
            errors.appendChild(line);
        });
        errors.hidden = messages.length === 0;
    }

    form.querySelector("[data-faceless-preview-button]").addEventListener("click", function () {
        save();
        var body = new FormData(form);
        fetch(form.dataset.previewUrl, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") },
        })
            .then(function (response) {
                if (response.ok) {
                    return response.blob().then(function (blob) {
                        if (preview.src) {
                            URL.revokeObjectURL(preview.src);
                        }
                        preview.src = URL.createObjectURL(blob);
                        preview.hidden = false;
                        previewEmpty.hidden = true;
                        showErrors([]);
                    });
                }
                return response.json().then(function (data) {
                    showErrors(data.errors || [words.failed]);
                });
            })
            .catch(function () {
                showErrors([words.failed]);
            });
    });

    form.addEventListener("submit", save);
    render();
})();
