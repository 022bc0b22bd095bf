package io.dispatch.system;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapKeepingTest {

    @Test
    void stopsTheCollectorGivingTheHeapBackOnThisJvm() {
        HeapKeeping.keepTheHeap();

        VMOption flag = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(HeapKeeping.FLAG);
        assertThat(flag.getValue()).isEqualTo(HeapKeeping.KEEP_ALL);
        // Set while running, not found so on the command line.
        assertThat(flag.getOrigin()).isEqualTo(Origin.MANAGEMENT);
    }

    @Test
    void leavesAValueAnOperatorGave() {
        assertThat(HeapKeeping.isOurs(option(Origin.DEFAULT, true))).isTrue();
        assertThat(HeapKeeping.isOurs(option(Origin.VM_CREATION, true))).isFalse();
        assertThat(HeapKeeping.isOurs(option(Origin.ENVIRON_VAR, true))).isFalse();
        assertThat(HeapKeeping.isOurs(option(Origin.CONFIG_FILE, true))).isFalse();
        assertThat(HeapKeeping.isOurs(option(Origin.DEFAULT, false))).isFalse();
    }

    private static VMOption option(Origin origin, boolean writeable) {
        return new VMOption(HeapKeeping.FLAG, "70", writeable, origin);
    }
}
