package dev.orderflow.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page itself lives at {@code /console/}; the other spellings lead there. */
@Controller
class PageController {

    @GetMapping("/console/")
    String page() {
        return "forward:/console/index.html";
    }

    @GetMapping({"/", "/console"})
    String toPage() {
        return "redirect:/console/";
    }
}
