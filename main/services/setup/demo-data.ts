/**
 * Word lists for the demo data set (demo.ts): schools, streets and names of a realistic Paris 11e.
 * Street names are real streets of the 11e arrondissement; schools and people are invented.
 * Person names use the ASCII apostrophe (N'Diaye), the one the contract's name rule accepts;
 * addresses the typographic one.
 */

export interface DemoSchoolSite {
  /** Short name after « École maternelle/élémentaire/polyvalente ». */
  name: string;
  /** Four-letter key of the codes: M-PARM, E-PARM, P-FROM. */
  key: string;
  /** Street numbers of the maternelle and the élémentaire (or the polyvalente) and the street. */
  numbers: readonly number[];
  street: string;
  /** Relative size (families of the sector). */
  weight: number;
}

/** 18 maternelle + élémentaire pairs and 9 polyvalentes: 45 schools. */
export const SCHOOL_PAIRS: readonly DemoSchoolSite[] = [
  { name: 'Parmentier', key: 'PARM', numbers: [8, 10], street: 'avenue Parmentier', weight: 1.2 },
  { name: 'Oberkampf', key: 'OBER', numbers: [107, 109], street: 'rue Oberkampf', weight: 1.1 },
  { name: 'Saint-Maur', key: 'SMAU', numbers: [131, 133], street: 'rue Saint-Maur', weight: 1.1 },
  { name: 'Roquette', key: 'ROQU', numbers: [56, 58], street: 'rue de la Roquette', weight: 1.2 },
  { name: 'Keller', key: 'KELL', numbers: [15, 17], street: 'rue Keller', weight: 0.9 },
  { name: 'Popincourt', key: 'POPI', numbers: [12, 14], street: 'rue Popincourt', weight: 1 },
  { name: 'Servan', key: 'SERV', numbers: [33, 35], street: 'rue Servan', weight: 1 },
  { name: 'Godefroy-Cavaignac', key: 'GODE', numbers: [34, 36], street: 'rue Godefroy-Cavaignac', weight: 1 },
  { name: 'Alexandre-Dumas', key: 'ADUM', numbers: [21, 23], street: 'rue Alexandre-Dumas', weight: 1.1 },
  { name: 'Trois-Bornes', key: 'TBOR', numbers: [8, 10], street: 'rue des Trois-Bornes', weight: 0.8 },
  { name: 'Fontaine-au-Roi', key: 'FROI', numbers: [48, 50], street: 'rue de la Fontaine-au-Roi', weight: 1 },
  { name: 'Faidherbe', key: 'FAID', numbers: [24, 26], street: 'rue Faidherbe', weight: 0.9 },
  { name: 'Amelot', key: 'AMEL', numbers: [120, 122], street: 'rue Amelot', weight: 0.9 },
  { name: 'Bréguet', key: 'BREG', numbers: [7, 9], street: 'rue Bréguet', weight: 0.8 },
  { name: 'Chemin-Vert', key: 'CHEM', numbers: [62, 64], street: 'rue du Chemin-Vert', weight: 1 },
  { name: 'Titon', key: 'TITO', numbers: [11, 13], street: 'rue Titon', weight: 0.9 },
  { name: 'Pihet', key: 'PIHE', numbers: [3, 5], street: 'rue Pihet', weight: 0.8 },
  { name: 'Merlin', key: 'MERL', numbers: [4, 6], street: 'rue Merlin', weight: 0.9 },
];

export const SCHOOL_POLYVALENTES: readonly DemoSchoolSite[] = [
  { name: 'Froment', key: 'FROM', numbers: [5], street: 'rue Froment', weight: 0.6 },
  { name: 'Belfort', key: 'BELF', numbers: [6], street: 'rue de Belfort', weight: 0.6 },
  { name: 'Bouvines', key: 'BOUV', numbers: [3], street: 'avenue de Bouvines', weight: 0.6 },
  { name: 'Saint-Bernard', key: 'SBER', numbers: [25], street: 'rue Saint-Bernard', weight: 0.6 },
  { name: 'Moufle', key: 'MOUF', numbers: [7], street: 'rue Moufle', weight: 0.5 },
  { name: 'Alphonse-Baudin', key: 'BAUD', numbers: [9], street: 'rue Alphonse-Baudin', weight: 0.6 },
  { name: 'Mercœur', key: 'MERC', numbers: [22], street: 'rue Mercœur', weight: 0.6 },
  { name: 'Candie', key: 'CAND', numbers: [14], street: 'rue de Candie', weight: 0.5 },
  { name: 'Pelée', key: 'PELE', numbers: [16], street: 'rue Pelée', weight: 0.5 },
];

/** Real streets of the 11e, with the highest house number used. */
export const STREETS_11E: readonly { name: string; max: number; weight?: number }[] = [
  { name: 'rue de la Roquette', max: 180, weight: 3 },
  { name: 'boulevard Voltaire', max: 280, weight: 3 },
  { name: 'rue Oberkampf', max: 160, weight: 3 },
  { name: 'avenue Parmentier', max: 150, weight: 3 },
  { name: 'rue de Charonne', max: 160, weight: 3 },
  { name: 'rue du Faubourg-Saint-Antoine', max: 270, weight: 2 },
  { name: 'boulevard Richard-Lenoir', max: 130, weight: 2 },
  { name: 'rue Saint-Maur', max: 200, weight: 3 },
  { name: 'rue de Montreuil', max: 100, weight: 2 },
  { name: 'avenue de la République', max: 100, weight: 2 },
  { name: 'rue Jean-Pierre-Timbaud', max: 160, weight: 2 },
  { name: 'rue Amelot', max: 140 },
  { name: 'rue de la Folie-Méricourt', max: 110 },
  { name: 'rue de la Fontaine-au-Roi', max: 60 },
  { name: 'rue Keller', max: 40 },
  { name: 'rue Popincourt', max: 70 },
  { name: 'rue Servan', max: 60 },
  { name: 'rue Godefroy-Cavaignac', max: 60 },
  { name: 'rue Léon-Frot', max: 70 },
  { name: 'rue des Boulets', max: 60 },
  { name: 'boulevard de Ménilmontant', max: 150 },
  { name: 'boulevard de Charonne', max: 200 },
  { name: 'avenue Philippe-Auguste', max: 130 },
  { name: 'rue Alexandre-Dumas', max: 110 },
  { name: 'rue Faidherbe', max: 60 },
  { name: 'rue Chanzy', max: 50 },
  { name: 'rue Saint-Bernard', max: 40 },
  { name: 'rue Trousseau', max: 40 },
  { name: 'rue Basfroi', max: 40 },
  { name: 'rue Sedaine', max: 70 },
  { name: 'rue du Chemin-Vert', max: 130 },
  { name: 'rue Saint-Sébastien', max: 50 },
  { name: 'rue de Malte', max: 70 },
  { name: 'rue du Grand-Prieuré', max: 30 },
  { name: 'rue de Crussol', max: 30 },
  { name: 'rue Bréguet', max: 40 },
  { name: 'rue Moufle', max: 20 },
  { name: 'rue Pelée', max: 20 },
  { name: 'rue Saint-Ambroise', max: 30 },
  { name: 'rue des Trois-Bornes', max: 50 },
  { name: 'rue Morand', max: 20 },
  { name: 'rue Titon', max: 20 },
  { name: 'rue Paul-Bert', max: 30 },
  { name: 'rue Jules-Vallès', max: 20 },
  { name: 'rue Émile-Lepeu', max: 30 },
  { name: 'rue Neuve-Popincourt', max: 20 },
  { name: 'rue Ternaux', max: 30 },
  { name: 'rue Rochebrune', max: 20 },
  { name: 'rue Lacharrière', max: 20 },
  { name: 'rue Spinoza', max: 20 },
  { name: 'rue des Taillandiers', max: 40 },
  { name: 'rue de Lappe', max: 50 },
  { name: 'rue Daval', max: 30 },
  { name: 'rue Froment', max: 20 },
  { name: 'rue Jacquard', max: 20 },
  { name: 'rue Édouard-Lockroy', max: 20 },
  { name: 'rue Mercœur', max: 30 },
  { name: 'rue Gerbier', max: 20 },
  { name: 'rue Omer-Talon', max: 20 },
  { name: 'rue Duranti', max: 20 },
  { name: 'rue Camille-Desmoulins', max: 20 },
  { name: 'rue de la Forge-Royale', max: 20 },
  { name: 'rue Richard-Lenoir', max: 40 },
  { name: 'rue Bouvier', max: 20 },
  { name: 'rue Guilhem', max: 20 },
  { name: 'rue Darboy', max: 20 },
  { name: 'rue de Nemours', max: 20 },
  { name: 'rue Vaucouleurs', max: 20 },
  { name: 'rue Saint-Sabin', max: 40 },
  { name: 'rue de l’Orillon', max: 40 },
  { name: 'passage Saint-Pierre-Amelot', max: 20 },
  { name: 'passage Thiéré', max: 30 },
  { name: 'passage de la Main-d’Or', max: 20 },
  { name: 'passage Charles-Dallery', max: 30 },
  { name: 'passage Beslay', max: 15 },
  { name: 'cité Industrielle', max: 20 },
];

/** Other Paris addresses, for a guardian who lives elsewhere (shared custody). */
export const OTHER_PARIS_STREETS: readonly { name: string; postalCode: string; max: number }[] = [
  { name: 'rue des Pyrénées', postalCode: '75020', max: 380 },
  { name: 'rue de Belleville', postalCode: '75019', max: 230 },
  { name: 'rue de Ménilmontant', postalCode: '75020', max: 160 },
  { name: 'rue d’Avron', postalCode: '75020', max: 100 },
  { name: 'rue de Lyon', postalCode: '75012', max: 60 },
  { name: 'avenue Daumesnil', postalCode: '75012', max: 260 },
  { name: 'rue de Charenton', postalCode: '75012', max: 300 },
  { name: 'rue du Faubourg-du-Temple', postalCode: '75010', max: 130 },
  { name: 'rue du Château-d’Eau', postalCode: '75010', max: 60 },
  { name: 'rue de Bretagne', postalCode: '75003', max: 70 },
  { name: 'rue de Turbigo', postalCode: '75003', max: 80 },
  { name: 'rue Saint-Antoine', postalCode: '75004', max: 230 },
  { name: 'rue Monge', postalCode: '75005', max: 120 },
  { name: 'rue des Martyrs', postalCode: '75009', max: 80 },
  { name: 'rue Lepic', postalCode: '75018', max: 100 },
  { name: 'rue de Crimée', postalCode: '75019', max: 260 },
  { name: 'avenue Jean-Jaurès', postalCode: '75019', max: 220 },
  { name: 'rue de Tolbiac', postalCode: '75013', max: 220 },
  { name: 'avenue d’Italie', postalCode: '75013', max: 200 },
  { name: 'rue de la Convention', postalCode: '75015', max: 170 },
  { name: 'rue Lecourbe', postalCode: '75015', max: 360 },
  { name: 'rue de Vaugirard', postalCode: '75015', max: 400 },
  { name: 'rue Marcadet', postalCode: '75018', max: 270 },
  { name: 'rue d’Alésia', postalCode: '75014', max: 230 },
];

export const ADDRESS_COMPLEMENTS: readonly string[] = [
  'Bâtiment A',
  'Bâtiment B',
  'Bât. C, 2e étage',
  'Escalier B',
  'Escalier 2, 4e étage',
  '3e étage gauche',
  '5e étage droite',
  '1er étage',
  'Appartement 12',
  'Appartement 31',
  'Porte 4',
  'Au fond de la cour',
  'Rez-de-chaussée',
];

/** Each name once (the children's lists add origin names to the common ones). */
function unique(names: readonly string[]): readonly string[] {
  return [...new Set(names)];
}

export interface Origin {
  weight: number;
  lastNames: readonly string[];
  women: readonly string[];
  men: readonly string[];
  girls: readonly string[];
  boys: readonly string[];
}

const frenchLast = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Perrin',
  'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Masson', 'Marchand', 'Duval',
  'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud',
  'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Gérard', 'Roche', 'Renard',
  'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert',
  'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Bourgeois', 'Benoît', 'Rey', 'Leclerc', 'Payet',
  'Rolland', 'Guillaume', 'Lecomte', 'Dupuy', 'Hubert', 'Berger', 'Carpentier', 'Dupuis', 'Moulin', 'Deschamps',
  'Huet', 'Vasseur', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam', 'Poirier', 'Marty',
  'Aubry', 'Guyot', 'Carré', 'Renault', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly',
  'Hervé', 'Schneider', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot',
  'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque',
  'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud',
  'Étienne', 'Grondin', 'Tessier', 'Chauvin', 'Bouchet', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud',
  'Hoarau', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Lamy', 'Delaunay', 'Pasquier', 'Le Bihan', 'Kervella',
  'Le Floch', 'Desmoulins', 'Beaumont', 'Lagarde', 'Delacroix', 'Fréchet', 'Ravel', 'Sénéchal', 'Courtois', 'Vallée',
];

const frenchWomen = [
  'Élodie', 'Céline', 'Sandrine', 'Nathalie', 'Isabelle', 'Aurélie', 'Émilie', 'Julie', 'Caroline', 'Stéphanie',
  'Virginie', 'Sophie', 'Claire', 'Laure', 'Hélène', 'Marion', 'Amélie', 'Mathilde', 'Pauline', 'Charlotte',
  'Anne-Sophie', 'Marie-Hélène', 'Camille', 'Sarah', 'Laëtitia', 'Delphine', 'Géraldine', 'Anaïs', 'Chloé', 'Lucie',
  'Marie', 'Anne', 'Cécile', 'Audrey', 'Vanessa', 'Karine', 'Agathe', 'Bérénice', 'Clémence', 'Margaux',
  'Marie-Claire', 'Anne-Laure', 'Florence', 'Noémie', 'Justine', 'Ophélie', 'Solène', 'Gaëlle', 'Maëlle', 'Éloïse',
];

const frenchMen = [
  'Jean-Baptiste', 'Nicolas', 'Julien', 'Sébastien', 'Thomas', 'Guillaume', 'Olivier', 'Stéphane', 'Christophe', 'Mathieu',
  'Jérôme', 'François', 'Pierre', 'Antoine', 'Vincent', 'Frédéric', 'Laurent', 'Alexandre', 'Benoît', 'Cédric',
  'Damien', 'Jean-François', 'Jean-Marc', 'Pierre-Yves', 'Grégory', 'Arnaud', 'Romain', 'Yann', 'Loïc', 'Gaël',
  'Hervé', 'Joël', 'Maxime', 'Florian', 'Baptiste', 'Clément', 'Adrien', 'Rémi', 'Jérémie', 'Étienne',
  'Aurélien', 'Fabien', 'Xavier', 'Éric', 'Matthieu', 'Bruno', 'Emmanuel', 'Jean-Philippe', 'Paul-Henri', 'Raphaël',
];

/** First names given in Paris to children born 2014–2022, shared by every origin. */
const commonGirls = [
  'Louise', 'Jade', 'Alice', 'Emma', 'Lina', 'Rose', 'Chloé', 'Zoé', 'Léa', 'Mila',
  'Inès', 'Anna', 'Juliette', 'Ambre', 'Lou', 'Léna', 'Iris', 'Nina', 'Adèle', 'Sofia',
  'Gabrielle', 'Victoire', 'Charlotte', 'Jeanne', 'Romane', 'Héloïse', 'Salomé', 'Capucine', 'Éléonore', 'Maëlys',
  'Anaïs', 'Margot', 'Camille', 'Sarah', 'Olivia', 'Lana', 'Alma', 'Joséphine', 'Apolline', 'Clémence',
];

const commonBoys = [
  'Gabriel', 'Léo', 'Raphaël', 'Louis', 'Noé', 'Jules', 'Arthur', 'Adam', 'Lucas', 'Hugo',
  'Maël', 'Liam', 'Sacha', 'Gabin', 'Paul', 'Nathan', 'Tom', 'Éthan', 'Aaron', 'Noah',
  'Timothée', 'Côme', 'Baptiste', 'Victor', 'Anatole', 'Aurèle', 'Célestin', 'Joseph', 'Samuel', 'Isaac',
  'Théo', 'Éliott', 'Malo', 'Oscar', 'Augustin', 'Antoine', 'Martin', 'Simon', 'Marius', 'Léon',
];

export const ORIGINS: readonly Origin[] = [
  {
    weight: 55,
    lastNames: frenchLast,
    women: frenchWomen,
    men: frenchMen,
    girls: unique([...commonGirls, 'Marie', 'Margaux', 'Agathe', 'Constance', 'Bérénice', 'Mathilde', 'Élise', 'Manon']),
    boys: unique([...commonBoys, 'Jean', 'Pierre', 'Baptiste', 'Félix', 'Valentin', 'Mathis', 'Titouan', 'Basile']),
  },
  {
    weight: 15,
    lastNames: [
      'Benali', 'Haddad', 'Bensaïd', 'Belkacem', 'Bouzid', 'Cherif', 'Mansouri', 'Amrani', 'El Idrissi', 'Aït Ahmed',
      'Brahimi', 'Zerrouki', 'Hamidi', 'Saïdi', 'Khelifi', 'Ouali', 'Meziane', 'Benhamou', 'Djebbar', 'Boudjema',
      'El Amrani', 'Bennani', 'Chaoui', 'Larbi', 'Touati', 'Aouadi', 'Hadj', 'Slimani', 'Ferhat', 'Benmansour',
      'Kaddour', 'Belaïd', 'Amara', 'Hamdi', 'Bouchareb', 'Mekki', 'Rahmani', 'Lahlou', 'Tazi', 'Berrada',
      'Alaoui', 'Benjelloun', 'Mokrani', 'Sahraoui', 'Gharbi', 'Trabelsi', 'Ben Youssef', 'Hammami', 'Mejri', 'Ouertani',
    ],
    women: [
      'Fatima', 'Khadija', 'Nadia', 'Samira', 'Leïla', 'Karima', 'Malika', 'Sonia', 'Yasmina', 'Nora',
      'Souad', 'Amel', 'Naïma', 'Rachida', 'Lamia', 'Sabrina', 'Hanane', 'Meriem', 'Farida', 'Imane',
    ],
    men: [
      'Mehdi', 'Karim', 'Rachid', 'Nordine', 'Youssef', 'Samir', 'Mohamed', 'Hakim', 'Farid', 'Bilal',
      'Anis', 'Mourad', 'Nabil', 'Sofiane', 'Walid', 'Djamel', 'Kamel', 'Hicham', 'Said', 'Abdelkader',
    ],
    girls: unique([...commonGirls.slice(0, 20), 'Yasmine', 'Nour', 'Amira', 'Lina', 'Aya', 'Maryam', 'Sirine', 'Assia', 'Aïcha', 'Lila']),
    boys: unique([...commonBoys.slice(0, 20), 'Ilyes', 'Rayan', 'Younès', 'Ayoub', 'Ismaël', 'Yanis', 'Ibrahim', 'Amir', 'Naël', 'Elias']),
  },
  {
    weight: 9,
    lastNames: [
      "N'Diaye", 'Diallo', 'Traoré', 'Koné', 'Coulibaly', 'Diop', 'Sow', 'Camara', 'Keïta', 'Cissé',
      'Touré', 'Sylla', 'Fofana', 'Konaté', 'Doumbia', 'Ba', 'Fall', 'Sissoko', 'Kanté', 'Diarra',
      'Mukendi', 'Ilunga', 'Kalonji', 'Makosso', 'Mbemba', 'Ndongo', 'Tchakounté', 'Mensah', 'Kouassi', "N'Guessan",
    ],
    women: [
      'Aminata', 'Fatou', 'Mariama', 'Awa', 'Kadiatou', 'Fatoumata', 'Aïssatou', 'Ramatoulaye', 'Binta', 'Oumou',
      'Nafissatou', 'Mariam', 'Grâce', 'Christelle', 'Prisca', 'Ornella', 'Divine', 'Sandrine', 'Rokia', 'Djénéba',
    ],
    men: [
      'Mamadou', 'Ousmane', 'Moussa', 'Abdoulaye', 'Seydou', 'Ibrahima', 'Cheikh', 'Amadou', 'Boubacar', 'Souleymane',
      'Modibo', 'Lassana', 'Issa', 'Bakary', 'Yves', 'Serge', 'Hervé', 'Jean-Claude', 'Patrick', 'Arsène',
    ],
    girls: unique([...commonGirls.slice(0, 20), 'Fatoumata', 'Aminata', 'Awa', 'Mariam', 'Kadiatou', 'Maïmouna', 'Hawa', 'Néné', 'Grâce', 'Océane']),
    boys: unique([...commonBoys.slice(0, 20), 'Mamadou', 'Moussa', 'Issa', 'Ibrahim', 'Ousmane', 'Amadou', 'Souleymane', 'Ethan', 'Kylian', 'Elijah']),
  },
  {
    weight: 6,
    lastNames: [
      'Da Silva', 'Dos Santos', 'Pereira', 'Ferreira', 'Rodrigues', 'Gonçalves', 'Fernandes', 'Oliveira', 'Lopes', 'Almeida',
      'Carvalho', 'Teixeira', 'García', 'Martínez', 'Fernández', 'López', 'Sánchez', 'Rossi', 'Bianchi', 'Romano',
      'Esposito', 'Ricci', 'De Sousa', 'Da Costa', 'Moreira',
    ],
    women: ['Ana', 'Maria', 'Joana', 'Sofia', 'Inês', 'Beatriz', 'Carla', 'Sara', 'Lucía', 'Elena', 'Giulia', 'Francesca', 'Paula', 'Marta', 'Cristina'],
    men: ['José', 'Carlos', 'João', 'Paulo', 'Rui', 'Nuno', 'Miguel', 'Pedro', 'Javier', 'Alejandro', 'Marco', 'Luca', 'Andrea', 'Diego', 'Tiago'],
    girls: unique([...commonGirls.slice(0, 20), 'Inês', 'Beatriz', 'Leonor', 'Lucía', 'Giulia', 'Valentina', 'Bianca', 'Matilde']),
    boys: unique([...commonBoys.slice(0, 20), 'Tiago', 'Rafael', 'Matteo', 'Lorenzo', 'Enzo', 'Mateo', 'Santiago', 'Leonardo']),
  },
  {
    weight: 6,
    lastNames: [
      'Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vo', 'Truong', 'Dang', 'Chen', 'Wang',
      'Li', 'Zhang', 'Lin', 'Huang', 'Liu', 'Lim', 'Zhou', 'Wu', 'Kim', 'Park',
    ],
    women: ['Mei', 'Linh', 'Thi Lan', 'Thu', 'Hoa', 'Mai', 'Ying', 'Xiaoling', 'Jing', 'Hui', 'Lan', 'Ngoc', 'Yuna', 'Ji-woo', 'Anh'],
    men: ['Minh', 'Duc', 'Wei', 'Jun', 'Hao', 'Tuan', 'Long', 'Hung', 'Bao', 'Jian', 'Kevin', 'David', 'Min-jun', 'Thanh', 'Quang'],
    girls: unique([...commonGirls.slice(0, 25), 'Mei', 'Lisa', 'Emma', 'Chloé', 'Jade', 'Yuna', 'Linh']),
    boys: unique([...commonBoys.slice(0, 25), 'Ethan', 'Lucas', 'Nathan', 'Léo', 'Minh', 'Bao', 'Aaron']),
  },
  {
    weight: 5,
    lastNames: [
      'Cohen', 'Lévy', 'Azoulay', 'Kaplan', 'Benarroch', 'Attali', 'Bensimon', 'Sebag', 'Kowalski', 'Nowak',
      'Ivanov', 'Popescu', 'Papadopoulos', 'Schwartz', 'Rosenberg', 'Weiss', 'Friedman', 'Zimmermann', 'Horvath', 'Novak',
    ],
    women: ['Rachel', 'Déborah', 'Myriam', 'Esther', 'Judith', 'Ioana', 'Agnieszka', 'Anna', 'Elena', 'Katarzyna', 'Nathalie', 'Sarah', 'Johanna', 'Rebecca', 'Olga'],
    men: ['David', 'Daniel', 'Raphaël', 'Jonathan', 'Benjamin', 'Michaël', 'Élie', 'Nathan', 'Andrei', 'Piotr', 'Tomasz', 'Nikolaï', 'Stefan', 'Yohan', 'Samuel'],
    girls: unique([...commonGirls.slice(0, 25), 'Esther', 'Rebecca', 'Hannah', 'Eva', 'Léa', 'Noa', 'Ella']),
    boys: unique([...commonBoys.slice(0, 25), 'Elie', 'Isaac', 'Noam', 'Nathan', 'Ethan', 'Aaron', 'David']),
  },
  {
    weight: 4,
    lastNames: [
      'Yilmaz', 'Kaya', 'Demir', 'Öztürk', 'Çelik', 'Şahin', 'Aydın', 'Singh', 'Kumar', 'Rahman',
      'Hossain', 'Ahmed', 'Khan', 'Islam', 'Hosseini', 'Karimi', 'Rezaei', 'Haddadi', 'Khoury', 'Nassar',
    ],
    women: ['Zeynep', 'Elif', 'Ayşe', 'Fatma', 'Emine', 'Priya', 'Anjali', 'Nasrin', 'Roksana', 'Shirin', 'Maryam', 'Rania', 'Lina', 'Dina', 'Yasmin'],
    men: ['Mehmet', 'Emre', 'Mustafa', 'Ahmet', 'Can', 'Rahul', 'Arjun', 'Rafiq', 'Karim', 'Reza', 'Ali', 'Omar', 'Tarek', 'Elias', 'Hassan'],
    girls: unique([...commonGirls.slice(0, 20), 'Elif', 'Zeynep', 'Defne', 'Ayla', 'Nour', 'Sara', 'Aya']),
    boys: unique([...commonBoys.slice(0, 20), 'Yusuf', 'Emir', 'Aras', 'Arjun', 'Omar', 'Ali', 'Adam']),
  },
];

export const EMAIL_DOMAINS: readonly { domain: string; weight: number }[] = [
  { domain: 'gmail.com', weight: 40 },
  { domain: 'orange.fr', weight: 12 },
  { domain: 'free.fr', weight: 10 },
  { domain: 'hotmail.fr', weight: 9 },
  { domain: 'yahoo.fr', weight: 7 },
  { domain: 'laposte.net', weight: 5 },
  { domain: 'sfr.fr', weight: 4 },
  { domain: 'outlook.fr', weight: 6 },
  { domain: 'icloud.com', weight: 5 },
  { domain: 'protonmail.com', weight: 2 },
];

export const PENDING_NOTES: readonly string[] = [
  'Dossier incomplet\u00a0: justificatif de domicile manquant.',
  'Attestation de quotient familial (CAF) à fournir.',
  'Inscription en ligne à vérifier avec la famille.',
  'Pièce d’identité du responsable 2 manquante.',
];

export const SCHOOL_HEADS: readonly string[] = [
  'Mme Girard', 'M. Lambert', 'Mme Benali', 'Mme Roussel', 'M. Diallo', 'Mme Lefèvre', 'M. Perrin', 'Mme Nguyen',
  'Mme Fontaine', 'M. Garnier', 'Mme Da Silva', 'Mme Moreau', 'M. Cohen', 'Mme Traoré', 'M. Chevalier', 'Mme Dubois',
  'Mme Haddad', 'M. Morel', 'Mme Leclerc', 'M. Mercier', 'Mme Bonnet', 'Mme Kaya', 'M. Faure', 'Mme Rivière',
  'Mme Colin', 'M. Renaud', 'Mme Vidal', 'M. Le Goff', 'Mme Aubert', 'Mme Brunet', 'M. Roche', 'Mme Dumont',
  'Mme Hamon', 'M. Barbier', 'Mme Picard', 'Mme Lemoine', 'M. Marchand', 'Mme Caron', 'M. Giraud', 'Mme Gauthier',
  'Mme Boyer', 'M. Lacroix', 'Mme Masson', 'Mme Clément', 'M. Weber',
];
