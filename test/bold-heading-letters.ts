/**
 * Letters for issue 22 (the same letter as PDF and as Word gives the same answers), written the
 * way many are: bold headings at body size with no space below them, a heading such as
 * "Förvaltningens synpunkter", a title broken at a line-end hyphen in the PDF, and a paragraph that
 * runs from one page onto the next. The text is written for this repository.
 */
import * as invented from './invented-letters.js';
import type { Letter } from './letters.js';

/** Long enough that the second paragraph under "3. Tidplan" runs from page 1 onto page 2, where another paragraph follows it. */
export const LYCKSELE: Letter = {
  letterhead: 'Lycksele kommun',
  date: '2024-03-18',
  reference: 'KS 2024/77',
  title: 'Yttrande över remissen om förslag till en ny och regional indel\u00adning av avfallsområdena',
  headings: 'bold',
  sections: [
    {
      heading: 'Förvaltningens synpunkter',
      paragraphs: [
        'Lycksele kommun tillstyrker förslaget till ny indelning av avfallsområdena. Förvaltningen har läst förslaget tillsammans med kommunens avfallsenhet och delar i stort bilden av hur insamlingen bör organiseras i inlandet.',
      ],
    },
    {
      heading: '1. Insamling i glesbygd',
      paragraphs: [
        'Kommunen vill att insamlingen av matavfall i glesbygd planeras med hänsyn till de långa avstånden. Hämtning varannan vecka räcker inte under sommarmånaderna, när fritidshusen är bebodda och mängden avfall ökar kraftigt i byarna längs älvdalen.',
        'Återvinningscentralerna bör ha öppet även kvällstid, så att den som pendlar långt kan lämna grovavfall utan att ta ledigt från arbetet.',
        'Kommunen ser också behov av fler mindre återvinningsstationer i byarna, där hushållen kan lämna förpackningar och tidningar utan att köra till centralorten. Stationerna bör placeras i samråd med byaföreningarna, som känner till var de gör mest nytta och var de inte stör grannarna.',
      ],
    },
    {
      heading: '2. Finansiering',
      paragraphs: [
        'Förslaget saknar en beskrivning av hur den gemensamma upphandlingen ska finansieras. Kommunen anser att kostnaderna ska fördelas efter antalet hushåll och inte efter antalet invånare, eftersom glest befolkade kommuner annars får bära en oproportionerligt stor del av transportkostnaderna.',
        'Kommunen vill också peka på att investeringarna i nya insamlingsfordon och i ombyggda återvinningscentraler måste göras samtidigt i flera kommuner om den gemensamma upphandlingen ska ge de vinster som förslaget räknar med. En kommun med få invånare har svårt att bära sådana kostnader på kort tid, och förslaget bör därför beskriva hur staten och regionen kan bidra under de första åren. Utan ett sådant stöd riskerar de minsta kommunerna att stå utanför samarbetet, vilket i sin tur gör det dyrare för alla andra.',
        'Kommunen föreslår att regionen tar fram en gemensam modell för taxor, så att hushåll i olika delar av länet betalar lika mycket för samma tjänst och så att skillnaderna mellan kommunerna inte växer.',
      ],
    },
    {
      heading: '3. Tidplan',
      paragraphs: [
        'Tidplanen för införandet är för snäv. Kommunen behöver minst två år för att bygga om återvinningscentralen i centralorten, upphandla nya fordon och informera hushållen om den nya sorteringen. Erfarenheterna från grannkommunerna visar att en för snabb omställning ger felsorterat avfall, missnöjda hushåll och höga kostnader för efterarbete som ingen har räknat med i förväg.',
        'Kommunen vill därför att införandet sker i två steg, med en utvärdering efter det första året innan nästa steg tas. Utvärderingen bör göras gemensamt av kommunerna i länet och redovisas öppet för invånarna, så att synpunkter från hushållen kan tas till vara i det fortsatta arbetet.',
        'Slutligen vill kommunen understryka att samarbetet mellan kommunerna i inlandet fungerar väl i dag och att den nya indelningen inte får försämra det.',
      ],
    },
  ],
  signature: ['För Lycksele kommun', 'Karin Lindqvist', 'kommunstyrelsens ordförande'],
  footer: 'Lycksele kommun, 921 81 Lycksele',
};

/** Umeå's letter with bold numbered headings at body size and a title broken at a hyphen. */
export const UMEA: invented.Letter = {
  ...invented.UMEA,
  title: 'Yttrande över remissen om förslag till en regional avfalls\u00adplan för länet',
  headings: 'bold',
  sections: [
    { heading: 'Förvaltningens synpunkter', paragraphs: invented.UMEA.sections[0].paragraphs },
    { heading: '1. Synpunkt 1', paragraphs: invented.UMEA.sections[1].paragraphs.slice(0, 2) },
    { heading: '2. Synpunkt 2', paragraphs: invented.UMEA.sections[1].paragraphs.slice(2) },
  ],
};

