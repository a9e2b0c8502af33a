package dev.orderflow.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.orderflow.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Web").definedBy("dev.orderflow.inventory.web..")
            .layer("Messaging").definedBy("dev.orderflow.inventory.messaging..")
            .layer("Domain").definedBy("dev.orderflow.inventory.domain..")
            .layer("Config").definedBy("dev.orderflow.inventory.config..")
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Messaging").mayNotBeAccessedByAnyLayer()
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Web", "Messaging", "Config")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Messaging");

    @ArchTest
    static final ArchRule domainKnowsNeitherKafkaNorTheWireFormat = noClasses()
            .that().resideInAPackage("dev.orderflow.inventory.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.springframework.kafka..", "dev.orderflow.events..",
                    "org.springframework.web..", "jakarta.servlet..");
}
