package dev.orderflow.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule layersDependInwardOnly = layeredArchitecture()
            .consideringAllDependencies()
            .layer("Web").definedBy("dev.orderflow.notification.web..")
            .layer("Messaging").definedBy("dev.orderflow.notification.messaging..")
            .layer("Domain").definedBy("dev.orderflow.notification.domain..")
            .layer("Config").definedBy("dev.orderflow.notification.config..")
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Messaging").mayOnlyBeAccessedByLayers("Config")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Web", "Messaging", "Config")
            .whereLayer("Config").mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule domainKnowsNothingOfKafka = noClasses()
            .that().resideInAPackage("dev.orderflow.notification.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.springframework.kafka..", "dev.orderflow.events.kafka..");
}
