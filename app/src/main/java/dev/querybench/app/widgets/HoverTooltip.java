package dev.querybench.app.widgets;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made the first time the pointer enters the control. A table or a list
 * fills its viewport with cells, and a {@link Tooltip} per cell made up front (a popup window with
 * its own styling) was 7-8% of the FX thread's work before the first frame of the Runs screen
 * (docs/workbench.md, "Start-up"); most cells are never hovered. The text is asked for on entering
 * and on {@link #refresh()}, so a cell that shows another item shows that item's text. A blank text
 * means no tooltip. FX thread.
 */
public final class HoverTooltip {

    private final Control owner;
    private final Supplier<String> text;
    private final Consumer<Tooltip> setUp;
    private Tooltip tooltip;

    private HoverTooltip(Control owner, Supplier<String> text, Consumer<Tooltip> setUp) {
        this.owner = owner;
        this.text = text;
        this.setUp = setUp;
    }

    /**
     * Gives {@code owner} a tooltip showing {@code text}, made when the pointer first enters it;
     * {@code setUp} styles it once then (wrapping, width, delays).
     */
    public static HoverTooltip install(Control owner, Supplier<String> text, Consumer<Tooltip> setUp) {
        HoverTooltip hover = new HoverTooltip(owner, text, setUp);
        // Installed before the pointer moves inside: Tooltip's own handlers start from the next move.
        owner.addEventHandler(MouseEvent.MOUSE_ENTERED, event -> hover.update(true));
        return hover;
    }

    /** Like {@link #install(Control, Supplier, Consumer)} with JavaFX's plain tooltip. */
    public static HoverTooltip install(Control owner, Supplier<String> text) {
        return install(owner, text, tooltip -> { });
    }

    /** Like {@link #install(Control, Supplier, Consumer)} with a {@linkplain #wrap wrapped} tooltip. */
    public static HoverTooltip wrapped(Control owner, Supplier<String> text) {
        return install(owner, text, HoverTooltip::wrap);
    }

    /** Wraps {@code tooltip}'s text at most 560 wide (long questions, SQL, reasons). */
    public static void wrap(Tooltip tooltip) {
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(560);
    }

    /**
     * The owner's content changed: a tooltip already made takes the new text (or goes when blank);
     * under the pointer (a cell filled while hovered) one is made.
     */
    public void refresh() {
        update(owner.isHover());
    }

    /** The tooltip, or null while none was made (the pointer has not entered the owner yet). */
    public Tooltip made() {
        return tooltip;
    }

    private void update(boolean entering) {
        if (tooltip == null && !entering) {
            return;
        }
        String value = text.get();
        if (value == null || value.isBlank()) {
            owner.setTooltip(null);
            return;
        }
        if (tooltip == null) {
            tooltip = new Tooltip();
            setUp.accept(tooltip);
        }
        tooltip.setText(value);
        if (owner.getTooltip() != tooltip) {
            owner.setTooltip(tooltip);
        }
    }
}
