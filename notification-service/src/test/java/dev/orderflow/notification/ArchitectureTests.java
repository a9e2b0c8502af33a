package dev.orderflow.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.orderflow.testsupport.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests service = ArchTests.in(ServiceArchitecture.class);
}
