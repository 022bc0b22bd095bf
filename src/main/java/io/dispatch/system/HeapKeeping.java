package io.dispatch.system;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Keeps the heap the JVM was given. Started with a maximum alone ({@code -Xmx256m}, as most are),
 * G1 gives memory back after a marking cycle whenever much of the heap is free, and a quiet spell
 * left the service in about 94 MB with a young generation of 7 MB: under load it then collected
 * several times a second, which cost CPU per ticket and lengthened the latency tail (the figures are
 * in docs/measured-choices.md). {@code MaxHeapFreeRatio} at 100 (a flag the JVM lets a running
 * program change) ends the giving back without touching the maximum. A value given on the command
 * line is left as it is.
 */
public final class HeapKeeping {

    static final String FLAG = "MaxHeapFreeRatio";
    static final String KEEP_ALL = "100";

    private HeapKeeping() {
    }

    /** Call first thing in {@code main}, before the heap has had a chance to shrink. */
    public static void keepTheHeap() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // Not a HotSpot JVM: its collector sizes the heap its own way.
        if (hotSpot != null && isOurs(hotSpot.getVMOption(FLAG))) {
            hotSpot.setVMOption(FLAG, KEEP_ALL);
        }
    }

    /** Only a flag nobody set: an operator's choice on the command line wins. */
    static boolean isOurs(VMOption option) {
        return option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT;
    }
}
