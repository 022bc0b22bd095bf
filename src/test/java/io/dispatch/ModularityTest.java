package io.dispatch;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the rooms honest: no cycles, and no reaching into another module's internals. It also
 * writes the module diagram into {@code docs/modules}, so the picture in the README never goes stale.
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(DispatchApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theModulesAreTheJobs() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
                "system", "client", "ticket", "intake", "outbox", "work", "callback", "tracking", "dashboard",
                "retention");
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults()
                        .withStyle(Documenter.DiagramOptions.DiagramStyle.UML));
    }
}
