package io.dispatch.dashboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dispatch.callback.stats.DeliveryStats;

/**
 * The last hour as bars, drawn on the server as SVG: one slot a minute, delivered stacked on
 * failed, scaled to the busiest minute. Coordinates are in a 600 × 120 view box.
 */
record MinuteChart(List<Bar> bars, long peak, long delivered, long failed) {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    private static final int MINUTES = 60;

    /** One minute's bar: where it stands, and how tall its two parts are. */
    record Bar(double x, double width, double deliveredY, double deliveredHeight, double failedY,
            double failedHeight, String label) {
    }

    static MinuteChart of(List<DeliveryStats.Minute> minutes, Instant now) {
        Map<Instant, DeliveryStats.Minute> byMinute = new HashMap<>();
        minutes.forEach(minute -> byMinute.put(minute.minute(), minute));
        long peak = Math.max(1, minutes.stream().mapToLong(m -> m.delivered() + m.failed()).max().orElse(0));
        double slot = (double) WIDTH / MINUTES;
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            Instant minute = last.minus(MINUTES - 1 - i, ChronoUnit.MINUTES);
            DeliveryStats.Minute counts = byMinute.getOrDefault(minute, new DeliveryStats.Minute(minute, 0, 0));
            double delivered = HEIGHT * (double) counts.delivered() / peak;
            double failed = HEIGHT * (double) counts.failed() / peak;
            bars.add(new Bar(i * slot + 1, slot - 2, HEIGHT - delivered - failed, delivered, HEIGHT - failed, failed,
                    minute + ": " + counts.delivered() + " delivered, " + counts.failed() + " failed"));
        }
        return new MinuteChart(bars, peak, minutes.stream().mapToLong(DeliveryStats.Minute::delivered).sum(),
                minutes.stream().mapToLong(DeliveryStats.Minute::failed).sum());
    }
}
