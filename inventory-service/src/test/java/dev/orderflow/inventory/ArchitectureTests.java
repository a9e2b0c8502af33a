package dev.orderflow.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderflow.testsupport.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.orderflow.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests service = ArchTests.in(ServiceArchitecture.class);

    /** Stricter here: the stock rules never see an event; messaging.OrderEventsHandler translates (ADR 7). */
    @ArchTest
    static final ArchRule domainKnowsNeitherKafkaNorTheWireFormat = noClasses()
            .that().resideInAPackage("dev.orderflow.inventory.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.springframework.kafka..", "dev.orderflow.events..",
                    "dev.orderflow.messaging..", "org.springframework.web..", "jakarta.servlet..");
}
