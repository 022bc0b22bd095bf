package io.dispatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The figures of one run: printed as a table, written as JSON. */
final class Report {

    private record Row(String section, String figure, double value, String unit, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String section, String figure, double value, String unit) {
        rows.add(new Row(section, figure, value, unit, ""));
    }

    void add(String section, String figure, double value, String unit, double ceiling, String ceilingName) {
        rows.add(new Row(section, figure, value, unit,
                String.format(Locale.ROOT, "%.2f × %s", value / ceiling, ceilingName)));
    }

    /** p50, p90, p99 and max of a latency histogram recorded in microseconds, in milliseconds. */
    void latencies(String section, String figure, Histogram histogram, double... percentiles) {
        for (double p : percentiles) {
            add(section, figure + " p" + (p == Math.floor(p) ? Integer.toString((int) p) : Double.toString(p)),
                    histogram.getValueAtPercentile(p) / 1000.0, "ms");
        }
        add(section, figure + " max", histogram.getMaxValue() / 1000.0, "ms");
    }

    void note(String note) {
        notes.add(note);
    }

    void print() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %-44s %14s %-6s %s%n", "section", "figure", "value", "unit", "ratio");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-26s %-44s %14.2f %-6s %s%n", row.section(), row.figure(), row.value(),
                    row.unit(), row.ratio());
        }
        notes.forEach(note -> System.out.println("# " + note));
    }

    void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"notes\": [");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append("    ").append(quote(notes.get(i)));
        }
        json.append("\n  ],\n  \"figures\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"section\": %s, \"figure\": %s, \"value\": %.3f, \"unit\": %s, \"ratio\": %s}",
                    quote(row.section()), quote(row.figure()), row.value(), quote(row.unit()), quote(row.ratio())));
        }
        json.append("\n  ]\n}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
