package dev.orderflow.order;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.orderflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("web").definedBy("..order.web..")
            .layer("messaging").definedBy("..order.messaging..")
            .layer("config").definedBy("..order.config..")
            .layer("domain").definedBy("..order.domain..")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
            .whereLayer("config").mayOnlyBeAccessedByLayers("messaging")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("web", "messaging", "config");

    @ArchTest
    static final ArchRule domainKnowsNoKafka = noClasses().that().resideInAPackage("..order.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                    "dev.orderflow.events.kafka..", "org.springframework.web..", "jakarta.servlet..");
}
